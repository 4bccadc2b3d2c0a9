namespace PublishingCluster.Cmd;

/// <summary>Where pbm reads and writes: the console, or (in tests) plain writers.</summary>
public interface ITerminal
{
    TextWriter Out { get; }

    TextWriter Error { get; }

    TextReader In { get; }

    /// <summary>A person types at a terminal: line editing, history and tab completion are on.</summary>
    bool IsInteractive { get; }

    /// <summary>A token for the command about to run; Ctrl+C cancels it (and ends a streaming command).</summary>
    CancellationToken BeginCommand();

    /// <summary>Reads one line at the prompt; null at the end of input.</summary>
    string? ReadLine(string prompt, Func<string, IReadOnlyList<string>> complete);
}

/// <summary>The process's console. Ctrl+C ends the running command; at the prompt it ends pbm.</summary>
public sealed class ConsoleTerminal : ITerminal
{
    private readonly LineEditor _editor = new(History.Load());
    private CancellationTokenSource? _command;
    private string? _lastLine;

    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public TextReader In => Console.In;

    public bool IsInteractive => !Console.IsInputRedirected && !Console.IsOutputRedirected;

    public CancellationToken BeginCommand()
    {
        _command?.Dispose();
        _command = new CancellationTokenSource();
        return _command.Token;
    }

    public void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_command is { IsCancellationRequested: false } running)
        {
            e.Cancel = true;
            running.Cancel();
        }
    }

    public string? ReadLine(string prompt, Func<string, IReadOnlyList<string>> complete)
    {
        // No command runs at the prompt: Ctrl+C there ends pbm.
        _command?.Cancel();
        if (!IsInteractive)
        {
            return Console.In.ReadLine();
        }

        var line = _editor.ReadLine(prompt, complete);
        if (!string.IsNullOrWhiteSpace(line) && line != _lastLine)
        {
            History.Append(line);
            _lastLine = line;
        }

        return line;
    }
}

/// <summary>The interactive history, kept in ~/.pbm_history (the last <see cref="Keep"/> lines).</summary>
public static class History
{
    public const int Keep = 500;

    private static string? FilePath =>
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, ".pbm_history") : null;

    public static List<string> Load()
    {
        try
        {
            return FilePath is { } path && File.Exists(path) ? [.. File.ReadAllLines(path).TakeLast(Keep)] : [];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    public static void Append(string line)
    {
        try
        {
            if (FilePath is { } path)
            {
                File.AppendAllLines(path, [line]);
            }
        }
        catch (IOException)
        {
            // History is a convenience: a read-only home folder does not stop pbm.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
