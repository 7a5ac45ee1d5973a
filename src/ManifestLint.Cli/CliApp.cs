using System.CommandLine;
using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Output;
using ManifestLint.Rules;

namespace ManifestLint.Cli;

/// <summary>Exit codes, as documented in README and --help.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Findings = 1;
    public const int UsageError = 2;
    public const int ToolFailure = 3;
}

/// <summary>The command line: a thin adapter that maps arguments to a <see cref="LintRequest"/> and the result to a format.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream> openStandardInput)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or directories to lint, or - for standard input", Arity = ArgumentArity.ZeroOrMore };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Namespace of objects that do not set metadata.namespace (default: default)" };
        var config = new Option<string?>("--config") { Description = "Path to a .manifestlint.yaml (default: the nearest one above the current directory)" };
        var noColor = new Option<bool>("--no-color") { Description = "Do not colour text output (also honours NO_COLOR)" };

        var root = new RootCommand("ManifestLint: catch broken references between Kubernetes manifests before they are deployed.")
        {
            paths, ns, config, noColor,
        };

        var exitCode = ExitCodes.Success;
        root.SetAction(parse =>
        {
            try
            {
                var requested = parse.GetValue(paths) ?? [];
                var request = new LintRequest
                {
                    Paths = requested.Length == 0 ? ["."] : requested,
                    StandardInput = requested.Contains("-") ? ReadAll(openStandardInput()) : null,
                    ConfigPath = parse.GetValue(config),
                    Namespace = parse.GetValue(ns),
                };
                var outcome = LintRunner.Run(request, RuleCatalog.CreateEngine());
                foreach (var missing in outcome.MissingPaths)
                {
                    stderr.WriteLine($"error: path not found: {missing}");
                }

                if (outcome.MissingPaths.Count > 0)
                {
                    exitCode = ExitCodes.UsageError;
                    return;
                }

                var useColor = !parse.GetValue(noColor) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) && !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
                new TextOutputWriter().Write(outcome.Result, stdout, new OutputContext { UseColor = useColor });
                exitCode = outcome.Result.HasAtLeast(Severity.Error) ? ExitCodes.Findings : ExitCodes.Success;
            }
            catch (ConfigurationException ex)
            {
                stderr.WriteLine($"error: {ex.Message}");
                exitCode = ExitCodes.UsageError;
            }
        });

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            return ExitCodes.UsageError;
        }

        try
        {
            var invoked = result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
            return invoked != 0 ? invoked : exitCode;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"internal error: {ex}");
            return ExitCodes.ToolFailure;
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
