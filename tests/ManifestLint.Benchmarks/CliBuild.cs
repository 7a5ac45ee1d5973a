using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ManifestLint.Benchmarks;

/// <summary>Where the CLI under test comes from: the build beside the harness (JIT), or a ReadyToRun publish of it.</summary>
public static class CliBuild
{
    public static string BesideHarness => Path.Combine(AppContext.BaseDirectory, "dotnet-manifest-lint.dll");

    /// <summary>
    /// Publishes src/ManifestLint.Cli for this machine's platform with ReadyToRun (as a RID-specific tool package
    /// would ship it) into its own artifacts folder, and returns the published dll.
    /// </summary>
    public static string PublishReadyToRun()
    {
        var repository = typeof(CliBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value
            ?? throw new InvalidOperationException("the harness was built without its RepositoryRoot metadata");
        var artifacts = Path.Combine(Path.GetTempPath(), "manifestlint-bench-r2r");
        var rid = RuntimeInformation.RuntimeIdentifier;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "publish", Path.Combine(repository, "src", "ManifestLint.Cli"), "-c", "Release", "-r", rid, "--self-contained", "false",
                "-p:PublishReadyToRun=true", "--artifacts-path", artifacts, "--nologo", "-v", "quiet",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Console.Error.WriteLine($"publishing the CLI with ReadyToRun for {rid} into {artifacts} ...");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}): {output.Result}{error}");
        }

        return Directory.EnumerateFiles(Path.Combine(artifacts, "publish"), "dotnet-manifest-lint.dll", SearchOption.AllDirectories).Single();
    }
}
