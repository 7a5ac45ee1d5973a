using System.Text;
using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;
using ManifestLint.TestSupport;

namespace ManifestLint.Rules.Tests;

/// <summary>
/// A fixture workspace: a single file under Fixtures/ID/, or a subfolder whose files are analyzed together.
/// Only the analyzer that owns ID runs (none for engine rules ML9xxx), with the workspace as base directory;
/// a workspace whose RuleId is <see cref="AllRules"/> runs every rule (the seed incident reproductions).
/// </summary>
public sealed record FixtureWorkspace(string RuleId, string RelativePath, string FullPath, bool IsDirectory)
{
    public const string AllRules = "*";

    public static string FixturesRoot => TestPaths.InRepository("tests", "ManifestLint.Rules.Tests", "Fixtures");

    public static string SeedsRoot => TestPaths.InRepository("tests", "ManifestLint.Rules.Tests", "Seeds");

    public static IReadOnlyList<FixtureWorkspace> Seeds() =>
        [.. Directory.GetDirectories(SeedsRoot).Order(StringComparer.Ordinal)
            .Select(dir => new FixtureWorkspace(AllRules, $"Seeds/{Path.GetFileName(dir)}/", dir, true))];

    public static IReadOnlyList<FixtureWorkspace> All()
    {
        var result = new List<FixtureWorkspace>();
        foreach (var ruleDir in Directory.GetDirectories(FixturesRoot).Order(StringComparer.Ordinal))
        {
            var ruleId = Path.GetFileName(ruleDir);
            foreach (var file in Directory.GetFiles(ruleDir).Where(IsManifest).Order(StringComparer.Ordinal))
            {
                result.Add(new FixtureWorkspace(ruleId, $"{ruleId}/{Path.GetFileName(file)}", file, false));
            }

            foreach (var dir in Directory.GetDirectories(ruleDir).Order(StringComparer.Ordinal))
            {
                result.Add(new FixtureWorkspace(ruleId, $"{ruleId}/{Path.GetFileName(dir)}/", dir, true));
            }
        }

        return result;
    }

    private static bool IsManifest(string path) => Path.GetExtension(path) is ".yaml" or ".yml" or ".json";

    public string BaseDirectory => IsDirectory ? FullPath : Path.GetDirectoryName(FullPath)!;

    public IReadOnlyList<string> Files => IsDirectory
        ? [.. Directory.GetFiles(FullPath, "*", SearchOption.AllDirectories).Where(IsManifest).Order(StringComparer.Ordinal)]
        : [FullPath];

    public IReadOnlyList<Expectation> Expectations() =>
        [.. Files.SelectMany(f => FixtureExpectations.Read(DisplayPath(f), File.ReadAllText(f)))];

    public string DisplayPath(string file) => Path.GetRelativePath(BaseDirectory, file).Replace('\\', '/');

    public AnalysisResult Analyze()
    {
        var analyzers = RuleId == AllRules
            ? RuleCatalog.Analyzers.ToList()
            : RuleCatalog.Analyzers.Where(a => a.SupportedRules.Any(r => r.Id == RuleId)).ToList();
        var configPath = Path.Combine(BaseDirectory, RepositoryConfig.FileName);
        var request = new LintRequest
        {
            Paths = IsDirectory ? ["."] : [Path.GetFileName(FullPath)],
            BaseDirectory = BaseDirectory,
            ConfigPath = IsDirectory && File.Exists(configPath) ? configPath : null,
            UseEditorConfig = false,
            Filter = analyzers.Count == 0 || RuleId == AllRules ? RuleFilter.All : new RuleFilter([RuleId], []),
        };

        // An explicit (possibly absent) config stops discovery from picking up a .manifestlint.yaml of another fixture.
        request = request.ConfigPath is null ? request with { ConfigPath = EmptyConfigPath.Value } : request;

        // A rule that is off by default is tested as a user who switched it on would run it; a workspace with its own
        // .manifestlint.yaml decides for itself (and so shows that the switch works).
        if (request.ConfigPath == EmptyConfigPath.Value && RuleCatalog.Find(RuleId) is { EnabledByDefault: false })
        {
            var switchedOn = Path.Combine(Path.GetTempPath(), $"manifestlint-{RuleId}-on-{Environment.ProcessId}.yaml");
            File.WriteAllText(switchedOn, $"rules:\n  {RuleId}: {RuleCatalog.Find(RuleId)!.DefaultSeverity.ToDisplayString()}\n");
            request = request with { ConfigPath = switchedOn };
        }

        return LintRunner.Run(request, new AnalysisEngine(analyzers)).Result;
    }

    /// <summary>The default configuration with one rule switched on at its default severity, as <c>rules: {ID: severity}</c> would.</summary>
    public static SeverityConfiguration SwitchedOn(string ruleId) =>
        RuleCatalog.Find(ruleId) is { EnabledByDefault: false } rule
            ? new SeverityConfiguration(new RepositoryConfig { Rules = new Dictionary<string, string> { [rule.Id] = rule.DefaultSeverity.ToDisplayString() } })
            : SeverityConfiguration.Default;

    /// <summary>An explicit empty .manifestlint.yaml: every rule at its default, whatever configuration lies around.</summary>
    internal static readonly Lazy<string> EmptyConfigPath = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"manifestlint-empty-{Environment.ProcessId}.yaml");
        File.WriteAllText(path, "");
        return path;
    });

    public override string ToString() => RelativePath;
}

/// <summary>Strict matching both ways: every diagnostic needs an expect, every expect needs a diagnostic.</summary>
public static class FixtureVerifier
{
    public static IReadOnlyList<string> Verify(FixtureWorkspace workspace)
    {
        var expectations = workspace.Expectations();
        var actual = workspace.Analyze().Active.ToList();
        var unmatched = new List<Diagnostic>(actual);
        var failures = new List<string>();
        foreach (var expect in expectations.Where(e => e.Kind == ExpectationKind.Expect))
        {
            var match = unmatched.FirstOrDefault(d => Matches(expect, d));
            if (match is null)
            {
                failures.Add($"missing: {expect}");
            }
            else
            {
                unmatched.Remove(match);
            }
        }

        foreach (var diagnostic in unmatched)
        {
            failures.Add($"unexpected: {diagnostic.Id} at {diagnostic.Location}: {diagnostic.Message}");
        }

        foreach (var negative in expectations.Where(e => e.Kind is ExpectationKind.Ok or ExpectationKind.Todo))
        {
            if (actual.FirstOrDefault(d => d.Id == negative.RuleId && d.Location.Path == negative.Path && d.Location.Span.Start.Line == negative.Line) is { } fired)
            {
                failures.Add(negative.Kind == ExpectationKind.Ok
                    ? $"fired on an ok line: {fired.Id} at {fired.Location}: {fired.Message}"
                    : $"todo now fires, promote it to expect: {fired.Id} at {fired.Location}: {fired.Message}");
            }
        }

        if (failures.Count > 0)
        {
            failures.Add("Actual diagnostics, as annotations:\n" + Annotated(workspace, actual));
        }

        return failures;
    }

    private static bool Matches(Expectation expect, Diagnostic diagnostic) =>
        diagnostic.Id == expect.RuleId &&
        diagnostic.Location.Path == expect.Path &&
        diagnostic.Location.Span.Start.Line == expect.Line &&
        (expect.Column is null || diagnostic.Location.Span.Start.Column == expect.Column) &&
        (expect.MessageContains is null || diagnostic.Message.Contains(expect.MessageContains, StringComparison.Ordinal));

    /// <summary>The fixture with the actual diagnostics written in as trailing expect comments, ready to paste.</summary>
    private static string Annotated(FixtureWorkspace workspace, IReadOnlyList<Diagnostic> actual)
    {
        var output = new StringBuilder();
        foreach (var file in workspace.Files)
        {
            var display = workspace.DisplayPath(file);
            output.AppendLine($"--- {display}");
            var lines = File.ReadAllText(file).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var here = actual.Where(d => d.Location.Path == display && d.Location.Span.Start.Line == i + 1).ToList();
                var annotation = here.Count == 0 ? "" : "  # " + string.Join("; ", here.Select(d => $"expect: {d.Location.Span.Start.Column} {d.Id}"));
                output.AppendLine($"{i + 1,4}: {lines[i].TrimEnd('\r')}{annotation}");
            }
        }

        return output.ToString();
    }
}
