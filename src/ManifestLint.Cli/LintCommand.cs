using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Output;
using ManifestLint.Core.Output.Sarif;
using ManifestLint.Rules;

namespace ManifestLint.Cli;

/// <summary>The main command: lint paths (or standard input) and write the result in one or more formats.</summary>
public static class LintCommand
{
    public static readonly string[] Formats = ["text", "json", "sarif", "github", "junit", "html"];

    public static RootCommand Create(CliConsole console)
    {
        var paths = CommandInput.PathsArgument("lint");
        var format = new Option<string[]>("--format", "-f")
        {
            Description = "Output format: text, json, sarif, github, junit or html. Repeat with --output to write several",
            AllowMultipleArgumentsPerToken = false,
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string[]>("--output", "-o")
        {
            Description = "Write the format named by the --format before it to FILE instead of standard output",
            HelpName = "FILE",
        };
        var failLevel = new Option<string>("--fail-level")
        {
            Description = "Exit with 1 when a finding is at or above this severity (note includes info; none never fails)",
            DefaultValueFactory = _ => FailLevels.DefaultName,
        };
        failLevel.AcceptOnlyFromAmong([.. FailLevels.Names]);
        var ns = CommandInput.NamespaceOption();
        var config = CommandInput.ConfigOption();
        var include = new Option<string[]>("--include") { Description = "Run only these rules: IDs or categories, repeated or comma-separated", HelpName = "RULES" };
        var exclude = new Option<string[]>("--exclude") { Description = "Do not run these rules: IDs or categories, repeated or comma-separated", HelpName = "RULES" };
        var ignorePath = new Option<string[]>("--ignore-path") { Description = "Skip files matching this glob, relative to the repository root (repeatable)", HelpName = "GLOB" };
        var category = new Option<string?>("--category") { Description = "SARIF automationDetails category, to keep several uploads for one commit apart", HelpName = "NAME" };
        var root = new Option<string?>("--root")
        {
            Description = "Directory that paths in the output are relative to (default: the git repository root above the current directory, else the current directory)",
            HelpName = "DIR",
        };
        var noColor = new Option<bool>("--no-color") { Description = "Do not colour text output (colour is only ever written to a terminal; NO_COLOR is honoured too)" };
        var noSuppressed = new Option<bool>("--no-suppressed") { Description = "Leave suppressed findings out of every format (GitHub code scanning shows suppressed SARIF results as open alerts)" };
        var stats = CommandInput.StatsOption();
        var baseline = new Option<string?>("--baseline")
        {
            Description = "Report the findings recorded in this baseline as unchanged; only new findings count for the exit code and --fail-level",
            HelpName = "FILE",
        };
        var writeBaseline = new Option<string?>("--write-baseline")
        {
            Description = "Record the current findings in this baseline file (the run then passes: every finding is baselined)",
            HelpName = "FILE",
        };
        var kustomize = new Option<bool>("--kustomize")
        {
            Description = "Render each kustomization root with kubectl kustomize (or kustomize build) and lint the result, with findings mapped back to the files",
        };
        var chartRoot = new Option<string?>("--chart-root")
        {
            Description = "The chart folder of linted helm template output: findings are reported in its template files",
            HelpName = "DIR",
        };
        var maxFileSize = new Option<long?>("--max-file-size") { Description = "Refuse files larger than this many bytes (ML9006; default 32 MiB, or maxFileSize in .manifestlint.yaml)", HelpName = "BYTES" };

        var kubernetesVersion = new Option<string?>("--kubernetes-version")
        {
            Description = $"Kubernetes release the manifests are for: {string.Join(", ", ManifestLint.Core.Schema.KubernetesVersion.Supported)} (default {ManifestLint.Core.Schema.KubernetesVersion.Default}, or kubernetesVersion in .manifestlint.yaml)",
            HelpName = "VERSION",
        };

        var command = new RootCommand("ManifestLint: catch broken references between Kubernetes manifests before they are deployed.")
        {
            paths, format, output, failLevel, ns, config, include, exclude, ignorePath, category, root, noColor, noSuppressed, stats, maxFileSize, baseline, writeBaseline, kustomize, chartRoot, kubernetesVersion,
        };

        foreach (var version in command.Options.OfType<VersionOption>())
        {
            // The default prints the entry assembly's version, which is the test host's when run in-process.
            version.Action = new PrintVersion();
        }

        command.SetAction(parse =>
        {
            IReadOnlyList<OutputTarget> targets;
            try
            {
                targets = OutputTargets.Resolve(parse, format, output);
            }
            catch (UsageException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageError;
            }

            var settings = new Settings(
                Paths: parse.GetValue(paths) ?? [],
                Targets: targets,
                FailLevel: parse.GetValue(failLevel)!,
                Namespace: parse.GetValue(ns),
                ConfigPath: parse.GetValue(config),
                Include: parse.GetValue(include) ?? [],
                Exclude: parse.GetValue(exclude) ?? [],
                IgnorePaths: parse.GetValue(ignorePath) ?? [],
                Category: parse.GetValue(category),
                Root: parse.GetValue(root),
                NoColor: parse.GetValue(noColor),
                NoSuppressed: parse.GetValue(noSuppressed),
                Stats: parse.GetValue(stats),
                MaxFileSize: parse.GetValue(maxFileSize),
                Baseline: parse.GetValue(baseline),
                WriteBaseline: parse.GetValue(writeBaseline),
                Kustomize: parse.GetValue(kustomize),
                ChartRoot: parse.GetValue(chartRoot),
                KubernetesVersion: parse.GetValue(kubernetesVersion));
            return Run(settings, console);
        });
        return command;
    }

    private sealed record Settings(
        IReadOnlyList<string> Paths,
        IReadOnlyList<OutputTarget> Targets,
        string FailLevel,
        string? Namespace,
        string? ConfigPath,
        IReadOnlyList<string> Include,
        IReadOnlyList<string> Exclude,
        IReadOnlyList<string> IgnorePaths,
        string? Category,
        string? Root,
        bool NoColor,
        bool NoSuppressed,
        bool Stats,
        long? MaxFileSize,
        string? Baseline,
        string? WriteBaseline,
        bool Kustomize,
        string? ChartRoot,
        string? KubernetesVersion);

    private static int Run(Settings settings, CliConsole console)
    {
        var cwd = console.CurrentDirectory;
        var context = new OutputContext
        {
            ToolVersion = CliApp.Version,
            BaseDirectory = settings.Root is null ? RepositoryRoot.Find(cwd) : Path.GetFullPath(settings.Root, cwd),
            Category = settings.Category,
            Documentation = RuleCatalog.Documentation,
        };

        try
        {
            var request = BuildRequest(settings, console, context.BaseDirectory);
            var setup = LintRunner.Prepare(request, RuleCatalog.RegistryFor);
            CheckRuleNames(setup.Registry, request.Filter.Include, "--include");
            CheckRuleNames(setup.Registry, request.Filter.Exclude, "--exclude");
            context = context with { Documentation = setup.Registry.Documentation };
            var outcome = LintRunner.Run(request, setup);
            if (CommandInput.MissingPaths(console, outcome, settings.Paths) is { } missing)
            {
                return Fail(settings, console, context, missing, ExitCodes.UsageError);
            }

            foreach (var note in outcome.Notes ?? [])
            {
                console.Error.WriteLine($"note: {note}");
            }

            var result = outcome.Result;
            if (settings.NoSuppressed)
            {
                result = result with { Diagnostics = [.. result.Diagnostics.Where(d => !d.IsSuppressed)] };
            }

            var clock = Stopwatch.StartNew();
            WriteOutputs(settings, console, context, result);
            if (settings.Stats)
            {
                WriteStatistics(console.Error, result.Statistics, clock.Elapsed);
            }

            return FailLevels.TryParse(settings.FailLevel, out var level) && level is { } failAt && result.HasAtLeast(failAt) ? ExitCodes.Findings : ExitCodes.Success;
        }
        catch (UsageException ex)
        {
            return Fail(settings, console, context, ex.Message, ExitCodes.UsageError);
        }
        catch (ConfigurationException ex)
        {
            return Fail(settings, console, context, ex.Message, ExitCodes.UsageError);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            console.Error.WriteLine($"internal error: {ex}");
            WriteFailedSarif(settings, console, context, $"ManifestLint failed: {ex.GetType().Name}: {ex.Message}", isConfigurationError: false);
            return ExitCodes.ToolFailure;
        }
    }

    private static LintRequest BuildRequest(Settings settings, CliConsole console, string baseDirectory)
    {
        var cwd = console.CurrentDirectory;
        if (!Directory.Exists(baseDirectory))
        {
            throw new UsageException($"--root {settings.Root}: directory not found");
        }

        if (settings.MaxFileSize is <= 0)
        {
            throw new UsageException("--max-file-size must be a positive number of bytes");
        }

        ManifestLint.Core.Schema.KubernetesVersion? kubernetesVersion = settings.KubernetesVersion is null ? null
            : ManifestLint.Core.Schema.KubernetesVersion.Parse(settings.KubernetesVersion)
                ?? throw new UsageException($"--kubernetes-version {settings.KubernetesVersion}: expected one of {string.Join(", ", ManifestLint.Core.Schema.KubernetesVersion.Supported)}");

        if (settings.Baseline is not null && !File.Exists(Path.GetFullPath(settings.Baseline, cwd)))
        {
            throw new UsageException($"--baseline {settings.Baseline}: file not found (record one with --write-baseline {settings.Baseline})");
        }

        return CommandInput.Request(console, settings.Paths, baseDirectory, settings.ConfigPath, settings.Namespace) with
        {
            IgnorePaths = settings.IgnorePaths,
            Filter = new RuleFilter(RuleNames(settings.Include), RuleNames(settings.Exclude)),
            MaxFileSize = settings.MaxFileSize,
            BaselinePath = settings.Baseline is null ? null : Path.GetFullPath(settings.Baseline, cwd),
            WriteBaselinePath = settings.WriteBaseline is null ? null : Path.GetFullPath(settings.WriteBaseline, cwd),
            Kustomize = settings.Kustomize,
            ChartRoot = settings.ChartRoot is null ? null : Path.GetFullPath(settings.ChartRoot, cwd),
            KubernetesVersion = kubernetesVersion,
        };
    }

    private static List<string> RuleNames(IReadOnlyList<string> values) =>
        [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    /// <summary>IDs and categories, checked against the run's rules (custom ones too): a typo would otherwise silently run nothing.</summary>
    private static void CheckRuleNames(RuleRegistry registry, IReadOnlyList<string> names, string option)
    {
        if (registry.FirstUnknownName(names) is { } unknown)
        {
            throw new UsageException($"{option} {unknown}: no rule or category has this name; `{CliApp.CommandName} rules` lists them");
        }
    }

    private static void WriteOutputs(Settings settings, CliConsole console, OutputContext context, AnalysisResult result)
    {
        foreach (var target in settings.Targets)
        {
            var writer = WriterFor(target.Format);
            if (target.Path is null)
            {
                var useColor = target.Format == "text" && console.IsOutputTerminal && !settings.NoColor
                    && string.IsNullOrEmpty(console.GetEnvironmentVariable("NO_COLOR"));
                writer.Write(result, console.Out, context with { UseColor = useColor });
                console.Out.Flush();
            }
            else
            {
                using var file = CommandInput.OpenOutput(target.Path, console.CurrentDirectory);
                writer.Write(result, file, context);
            }
        }
    }

    private static IOutputWriter WriterFor(string format) => format switch
    {
        "json" => new JsonOutputWriter(),
        "sarif" => new SarifOutputWriter(),
        "github" => new GitHubOutputWriter(),
        "junit" => new JUnitOutputWriter(),
        "html" => new HtmlOutputWriter(),
        _ => new TextOutputWriter(),
    };

    /// <summary>Reports a run that produced no result; SARIF outputs still get a valid log that says so.</summary>
    private static int Fail(Settings settings, CliConsole console, OutputContext context, string message, int exitCode)
    {
        console.Error.WriteLine($"error: {message}");
        WriteFailedSarif(settings, console, context, message, isConfigurationError: exitCode == ExitCodes.UsageError);
        return exitCode;
    }

    private static void WriteFailedSarif(Settings settings, CliConsole console, OutputContext context, string message, bool isConfigurationError)
    {
        foreach (var target in settings.Targets.Where(t => t.Format == "sarif"))
        {
            try
            {
                if (target.Path is null)
                {
                    new SarifOutputWriter().WriteFailedRun(console.Out, context, message, isConfigurationError);
                }
                else
                {
                    using var file = CommandInput.OpenOutput(target.Path, console.CurrentDirectory);
                    new SarifOutputWriter().WriteFailedRun(file, context, message, isConfigurationError);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or UsageException)
            {
                // The original failure has been reported; the log is a courtesy.
            }
        }
    }

    private static void WriteStatistics(TextWriter error, AnalysisStatistics stats, TimeSpan outputTime)
    {
        static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        error.WriteLine($"files: {stats.Files}");
        error.WriteLine($"documents: {stats.Documents}");
        error.WriteLine($"resources: {stats.Resources}");
        error.WriteLine($"pod templates: {stats.PodTemplates}");
        error.WriteLine($"rules run: {stats.RulesRun}");
        error.WriteLine($"load time: {Ms(stats.LoadTime)}");
        error.WriteLine($"index time: {Ms(stats.IndexTime)}");
        error.WriteLine($"objects validated against a schema: {stats.ObjectsValidated}");
        error.WriteLine($"schema time: {Ms(stats.SchemaTime)}");
        error.WriteLine($"rules time: {Ms(stats.RulesTime)}");
        error.WriteLine($"output time: {Ms(outputTime)}");
        // What the runtime spent beside the phases: on a large input these explain a slow run better than the phases do.
        error.WriteLine($"jit: {System.Runtime.JitInfo.GetCompiledMethodCount()} methods, {Ms(System.Runtime.JitInfo.GetCompilationTime())}");
        error.WriteLine($"gc: {GC.CollectionCount(0)} collections ({GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2), " +
            $"paused {Ms(GC.GetTotalPauseDuration())}, {GC.GetTotalAllocatedBytes() / (1024 * 1024)} MB allocated");
    }


    private sealed class PrintVersion : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(CliApp.Version);
            return ExitCodes.Success;
        }
    }
}
