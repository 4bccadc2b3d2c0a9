using PublishingCluster.Cmd;

// pbm <host:port> <palette> <command> [args] [--json] [--token <token>]; only the node given: interactive.
var terminal = new ConsoleTerminal();
Console.CancelKeyPress += terminal.OnCancelKeyPress;
return await Pbm.RunAsync(args, terminal);
