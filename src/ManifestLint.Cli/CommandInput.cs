using System.CommandLine;
using System.Text;
using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;

namespace ManifestLint.Cli;

/// <summary>
/// What every command that reads manifests shares (lint, connectivity, graph): paths typed relative to where the user
/// is, the configuration found from there, standard input, "path not found" said with the path as typed, and a report
/// written to standard output or a file. One home, so the commands cannot read the same input differently.
/// </summary>
internal static class CommandInput
{
    /// <summary>The manifests to read; <paramref name="verb"/> says what the command does with them.</summary>
    public static Argument<string[]> PathsArgument(string verb) => new("PATH")
    {
        Description = $"Files or directories to {verb} (directories are searched for *.yaml, *.yml, *.json), or - for standard input. Default: the current directory",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string?> NamespaceOption() =>
        new("--namespace", "-n") { Description = "Namespace of objects that do not set metadata.namespace (default: default)" };

    public static Option<string?> ConfigOption() =>
        new("--config") { Description = "A .manifestlint.yaml (default: the nearest one from the current directory up to the repository root)", HelpName = "FILE" };

    public static Option<bool> StatsOption() => new("--stats") { Description = "Print counts and phase timings to standard error" };

    /// <summary>One report file (lint, which writes several formats at once, has its own).</summary>
    public static Option<string?> OutputFileOption() => new("--output", "-o") { Description = "Write to FILE instead of standard output", HelpName = "FILE" };

    /// <summary>The run's request for <paramref name="typedPaths"/> (the current directory when none), before command-specific settings.</summary>
    /// <exception cref="UsageException">--config names a file that does not exist.</exception>
    public static LintRequest Request(CliConsole console, IReadOnlyList<string> typedPaths, string baseDirectory, string? configPath, string? @namespace)
    {
        var cwd = console.CurrentDirectory;
        var config = configPath is null ? RepositoryConfig.Discover(cwd) : Path.GetFullPath(configPath, cwd);
        if (configPath is not null && !File.Exists(config))
        {
            throw new UsageException($"--config {configPath}: configuration file not found");
        }

        // The engine resolves paths against the base directory (the repository root); users type them relative to where they are.
        var paths = typedPaths.Count == 0 ? ["."] : typedPaths;
        return new LintRequest
        {
            Paths = [.. paths.Select(p => p == "-" ? p : Path.GetFullPath(p, cwd))],
            StandardInput = paths.Contains("-") ? ReadAll(console.OpenStandardInput()) : null,
            BaseDirectory = baseDirectory,
            ConfigPath = config,
            Namespace = @namespace,
        };
    }

    /// <summary>"path not found: …" for each path the run did not find, with the path as the user typed it; null when all were found.</summary>
    public static string? MissingPaths(CliConsole console, LintOutcome outcome, IReadOnlyList<string> typedPaths)
    {
        if (outcome.MissingPaths.Count == 0)
        {
            return null;
        }

        var cwd = console.CurrentDirectory;
        var typed = typedPaths.Where(p => p != "-").DistinctBy(p => Path.GetFullPath(p, cwd), StringComparer.Ordinal)
            .ToDictionary(p => Path.GetFullPath(p, cwd), StringComparer.Ordinal);
        return string.Join("; ", outcome.MissingPaths.Select(p => $"path not found: {typed.GetValueOrDefault(p, p)}"));
    }

    /// <summary>Writes a report to standard output, or to <paramref name="outputPath"/> (its folders created) as UTF-8 with LF line ends.</summary>
    public static void Write(CliConsole console, string? outputPath, Action<TextWriter> write)
    {
        if (outputPath is null)
        {
            write(console.Out);
            console.Out.Flush();
            return;
        }

        using var file = OpenOutput(outputPath, console.CurrentDirectory);
        write(file);
    }

    /// <summary>An output file (its folders created), UTF-8 without BOM and LF line ends, whatever the platform.</summary>
    /// <exception cref="UsageException">The file cannot be created.</exception>
    public static StreamWriter OpenOutput(string path, string cwd)
    {
        var fullPath = Path.GetFullPath(path, cwd);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            return new StreamWriter(fullPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--output {path}: cannot write the file: {ex.Message}");
        }
    }

    /// <summary>
    /// Runs a report command: usage and configuration problems, and an output file that cannot be written, end with
    /// exit code 2 and one line on standard error.
    /// </summary>
    public static int Guard(CliConsole console, string? outputPath, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception ex) when (ex is UsageException or ConfigurationException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: --output {outputPath}: cannot write the file: {ex.Message}");
            return ExitCodes.UsageError;
        }
    }

    public static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
    }
}
