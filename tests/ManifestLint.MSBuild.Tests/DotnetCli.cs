using System.Diagnostics;
using System.Text;

namespace ManifestLint.MSBuild.Tests;

internal sealed record ProcessResult(int ExitCode, string Output)
{
    /// <summary>Output lines without line endings; with <paramref name="trim"/>, also without MSBuild's indentation and node prefix.</summary>
    public IReadOnlyList<string> Lines(bool trim = false) =>
        [.. Output.Split('\n').Select(l => l.TrimEnd('\r')).Select(l => trim ? StripNodePrefix(l.Trim()) : l)];

    public override string ToString() => $"exit code {ExitCode}\n{Output}";

    // Detailed verbosity prefixes lines with the project's node number, as in "1>/path/file.yaml(1,2): ...".
    private static string StripNodePrefix(string line)
    {
        var arrow = line.IndexOf('>', StringComparison.Ordinal);
        return arrow > 0 && line[..arrow].All(char.IsAsciiDigit) ? line[(arrow + 1)..] : line;
    }
}

/// <summary>Runs the dotnet CLI as a child process, isolated from the MSBuild that runs the tests.</summary>
internal static class DotnetCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` hands MSBuild's own settings to the test process; a nested build must find its SDK itself.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // No build servers left behind by the tests, and no node that keeps the package's DLLs loaded.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {Timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }
}
