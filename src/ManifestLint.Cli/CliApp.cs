using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;

namespace ManifestLint.Cli;

/// <summary>Exit codes, as documented in README and --help.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Findings = 1;
    public const int UsageError = 2;
    public const int ToolFailure = 3;
}

/// <summary>The command line: a thin adapter that maps arguments to a lint request and the result to formats.</summary>
public static class CliApp
{
    public const string CommandName = "dotnet manifest-lint";

    /// <summary>"0.1.0": the informational version without the "+commit" suffix, so output is the same on every build.</summary>
    public static string Version { get; } = StripBuildMetadata(
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CliApp).Assembly.GetName().Version?.ToString()
        ?? "0.0.0");

    internal const string Epilog = """
        Examples:
          dotnet manifest-lint                         lint every manifest below the current directory
          dotnet manifest-lint k8s/ --namespace prod   lint a folder; objects without a namespace are in prod
          helm template ./chart | dotnet manifest-lint -
                                                       lint rendered Helm output (diagnostics name the template)
          dotnet manifest-lint --format sarif --output manifestlint.sarif --format text
                                                       write SARIF for code scanning and text for the log
          dotnet manifest-lint --format github         annotate a pull request from a GitHub Actions step
          dotnet manifest-lint --fail-level warning    fail on warnings too
          dotnet manifest-lint --write-baseline .manifestlint-baseline.jsonl
                                                       record today's findings; later runs with --baseline FILE fail only on new ones
          dotnet manifest-lint --kustomize             lint what kustomize renders, findings mapped back to the files
          dotnet manifest-lint rules --format markdown
          dotnet manifest-lint explain ML1001
          dotnet manifest-lint init                    write a commented .manifestlint.yaml and print a GitHub workflow
          dotnet manifest-lint connectivity k8s/ --format md
                                                       list the connections NetworkPolicies allow between workloads

        Exit codes:
          0  no finding at or above --fail-level (default: error)
          1  findings at or above --fail-level
          2  usage or configuration error
          3  the tool itself failed
        """;

    /// <summary>Runs with the process's own console, current directory and environment.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream> openStandardInput) =>
        Run(args, new CliConsole(stdout, stderr, openStandardInput)
        {
            IsOutputTerminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected,
        });

    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);

        var root = LintCommand.Create(console);
        root.Add(CatalogCommands.Rules(console));
        root.Add(CatalogCommands.Explain(console));
        root.Add(ConnectivityCommand.Create(console));
        root.Add(GraphCommand.Create(console));
        root.Add(InitCommand.Create(console));
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction action)
            {
                help.Action = new HelpWithEpilog(action);
            }
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpWithEpilog)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine($"error: {error.Message}");
            }

            console.Error.WriteLine($"Run '{CommandName} --help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            console.Error.WriteLine($"internal error: {ex}");
            return ExitCodes.ToolFailure;
        }
    }

    private static string StripBuildMetadata(string version)
    {
        var plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }

    /// <summary>The standard help, then examples and exit codes for the main command.</summary>
    private sealed class HelpWithEpilog(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            standard.Invoke(parseResult);
            if (parseResult.CommandResult.Command is RootCommand)
            {
                parseResult.InvocationConfiguration.Output.WriteLine(Epilog);
            }

            return ExitCodes.Success;
        }
    }
}
