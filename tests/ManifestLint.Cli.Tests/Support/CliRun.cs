using System.Text;
using ManifestLint.Cli;

namespace ManifestLint.Cli.Tests.Support;

/// <summary>What one in-process run of the command line produced.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}

/// <summary>Runs <see cref="CliApp"/> in-process with its own console, directory and environment.</summary>
public static class CliRun
{
    public static CliResult Run(
        string currentDirectory,
        IEnumerable<string> args,
        string? standardInput = null,
        bool isTerminal = false,
        IReadOnlyDictionary<string, string>? environment = null,
        TextWriter? stdout = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(stdout ?? output, error, () => new MemoryStream(Encoding.UTF8.GetBytes(standardInput ?? "")))
        {
            CurrentDirectory = currentDirectory,
            IsOutputTerminal = isTerminal,
            GetEnvironmentVariable = name => environment?.GetValueOrDefault(name),
        };
        var exitCode = CliApp.Run([.. args], console);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs from the repository root, as the README's commands do.</summary>
    public static CliResult InRepository(params string[] args) => Run(TestPaths.RepositoryRoot, args);
}
