namespace ManifestLint.Cli;

/// <summary>
/// Everything the command line takes from its process: streams, the current directory, whether standard output
/// is a terminal, and environment variables. Tests pass their own, so the real process state never leaks in.
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenStandardInput)
{
    public string CurrentDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Colours are only written to a terminal, never to a pipe or a file.</summary>
    public bool IsOutputTerminal { get; init; }

    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    public static CliConsole FromProcess() =>
        new(Console.Out, Console.Error, Console.OpenStandardInput) { IsOutputTerminal = !Console.IsOutputRedirected };
}
