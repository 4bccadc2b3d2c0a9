using System.Diagnostics;
using System.Text.Json.Nodes;
using PublishingCluster.Cmd;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>What one pbm run printed and its exit code.</summary>
public sealed record PbmResult(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every line of --json output, each parsed (a line that is not JSON fails the test).</summary>
    public IReadOnlyList<JsonNode> Json => [.. Lines.Select(l => JsonNode.Parse(l) ?? throw new InvalidOperationException($"'{l}' is JSON null"))];

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>A terminal of writers and a fixed input, as when pbm runs in a pipe (no line editor).</summary>
public sealed class TestTerminal(string input = "", Func<string, bool>? stopWhen = null) : ITerminal
{
    private readonly StringWriter _out = new();
    private CancellationTokenSource? _command;

    public TextWriter Out => new StopWatcher(_out, this);

    public TextWriter Error { get; } = new StringWriter();

    public TextReader In { get; } = new StringReader(input);

    public bool IsInteractive => false;

    public string Output
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    public CancellationToken BeginCommand()
    {
        _command = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        return _command.Token;
    }

    public string? ReadLine(string prompt, Func<string, IReadOnlyList<string>> complete) => In.ReadLine();

    /// <summary>Plays Ctrl+C once the output satisfies <c>stopWhen</c> (how a test ends a streaming command).</summary>
    private void Written()
    {
        if (stopWhen is not null && stopWhen(Output))
        {
            _command?.Cancel();
        }
    }

    private sealed class StopWatcher(StringWriter inner, TestTerminal terminal) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            lock (inner)
            {
                inner.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (inner)
            {
                inner.WriteLine(value);
            }

            terminal.Written();
        }
    }
}

/// <summary>Runs pbm in this process (its real entry point, <see cref="Pbm.RunAsync"/>) or as its own process.</summary>
public static class PbmRunner
{
    public static async Task<PbmResult> RunAsync(params string[] args) => await RunWithAsync(new TestTerminal(), args);

    public static async Task<PbmResult> RunWithAsync(TestTerminal terminal, params string[] args)
    {
        var exitCode = await Pbm.RunAsync(args, terminal);
        return new PbmResult(exitCode, terminal.Output, terminal.Error.ToString()!);
    }

    /// <summary>pbm as the operator starts it: <c>dotnet pbm.dll ...</c>, its exit code from the operating system.</summary>
    public static async Task<PbmResult> RunProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pbm.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new PbmResult(process.ExitCode, await output, await error);
    }
}
