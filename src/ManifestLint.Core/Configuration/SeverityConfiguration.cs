using ManifestLint.Core.Engine;

namespace ManifestLint.Core.Configuration;

/// <summary>
/// Decides each rule's effective severity for a file. Precedence, highest first:
/// <list type="number">
/// <item>the command line's --include / --exclude (which rules run at all);</item>
/// <item>.editorconfig files, nearest directory winning: <c>dotnet_diagnostic.ID.severity</c>, then
/// <c>dotnet_analyzer_diagnostic.category-NAME.severity</c>, then <c>dotnet_analyzer_diagnostic.severity</c>;</item>
/// <item>.manifestlint.yaml <c>rules:</c> (ID, then category-NAME, then all);</item>
/// <item>the rule's default.</item>
/// </list>
/// As in Roslyn, category-wide and all-rule settings do not enable rules that are disabled by default.
/// </summary>
public sealed class SeverityConfiguration
{
    private readonly RepositoryConfig _repository;
    private readonly EditorConfigResolver? _editorConfig;
    private readonly RuleFilter _filter;

    public SeverityConfiguration(RepositoryConfig? repository = null, EditorConfigResolver? editorConfig = null, RuleFilter? filter = null)
    {
        _repository = repository ?? new RepositoryConfig();
        _editorConfig = editorConfig;
        _filter = filter ?? RuleFilter.All;
    }

    public static SeverityConfiguration Default { get; } = new();

    /// <summary>
    /// Whether the rule can report anywhere in this run (so it is worth running at all). Exact without .editorconfig
    /// files (a rule turned off in .manifestlint.yaml does not run); with them, a file's settings might turn it on,
    /// so the answer is yes unless <see cref="MayRunIn"/> is asked with the files.
    /// </summary>
    public bool MayRun(RuleDescriptor rule) =>
        _filter.Allows(rule) && (_editorConfig is not null || Effective(rule, fullPath: null) is not null);

    /// <summary>
    /// Whether the rule is on for at least one of the files (all of them alike without .editorconfig files). Pass the
    /// files through <see cref="DistinctSettings"/> first when asking for many rules.
    /// </summary>
    public bool MayRunIn(RuleDescriptor rule, IReadOnlyCollection<string> fullPaths) =>
        _editorConfig is null || fullPaths.Count == 0
            ? MayRun(rule)
            : _filter.Allows(rule) && fullPaths.Any(path => Effective(rule, path) is not null);

    /// <summary>
    /// One file for each distinct list of .editorconfig severity entries that applies to the files: every rule is on or
    /// off alike for files with the same entries, so <see cref="MayRunIn"/> asks a run's tens of thousands of files once
    /// per rule as a handful (it was a third of a second, one thread, at 10,000 apps).
    /// </summary>
    public IReadOnlyCollection<string> DistinctSettings(IReadOnlyCollection<string> fullPaths)
    {
        if (_editorConfig is null)
        {
            return fullPaths.Count == 0 ? [] : [fullPaths.First()];
        }

        var representatives = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new System.Text.StringBuilder();
        foreach (var path in fullPaths)
        {
            entries.Clear();
            foreach (var (property, _) in _editorConfig.PropertiesFor(path))
            {
                if (property.Key.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal)
                    || property.Key.StartsWith("dotnet_analyzer_diagnostic.", StringComparison.Ordinal))
                {
                    entries.Append(property.Key).Append('=').Append(property.Value).Append('\n');
                }
            }

            representatives.TryAdd(entries.ToString(), path);
        }

        return representatives.Values;
    }

    /// <summary>The effective severity for a diagnostic in the file, or null when the rule is off there.</summary>
    public Severity? Effective(RuleDescriptor rule, string? fullPath, List<ConfigurationProblem>? problems = null)
    {
        if (!_filter.Allows(rule))
        {
            return null;
        }

        Severity? severity = rule.EnabledByDefault ? rule.DefaultSeverity : null;
        severity = Apply(severity, rule, FromMap(rule, _repository.Rules));
        if (_editorConfig is not null && fullPath is not null)
        {
            severity = Apply(severity, rule, FromEditorConfig(rule, fullPath, problems));
        }

        return severity;
    }

    private static Severity? Apply(Severity? current, RuleDescriptor rule, (string Text, bool ById)? setting)
    {
        if (setting is not { } s || !SeverityNames.TryParseConfigured(s.Text, out var parsed, out var isDefault))
        {
            return current;
        }

        if (!s.ById && !rule.EnabledByDefault)
        {
            return current;
        }

        return isDefault ? (rule.EnabledByDefault ? rule.DefaultSeverity : null) : parsed;
    }

    private static (string, bool)? FromMap(RuleDescriptor rule, IReadOnlyDictionary<string, string> map)
    {
        if (map.TryGetValue(rule.Id, out var byId))
        {
            return (byId, true);
        }

        if (map.TryGetValue("category-" + rule.Category, out var byCategory))
        {
            return (byCategory, false);
        }

        return map.TryGetValue("all", out var all) ? (all, false) : null;
    }

    private (string, bool)? FromEditorConfig(RuleDescriptor rule, string fullPath, List<ConfigurationProblem>? problems)
    {
        string? byId = null, byCategory = null, all = null;
        var idKey = $"dotnet_diagnostic.{rule.Id.ToLowerInvariant()}.severity";
        var categoryKey = $"dotnet_analyzer_diagnostic.category-{rule.Category.ToLowerInvariant()}.severity";
        foreach (var (property, configPath) in _editorConfig!.PropertiesFor(fullPath))
        {
            if (property.Key != idKey && property.Key != categoryKey && property.Key != "dotnet_analyzer_diagnostic.severity")
            {
                continue;
            }

            if (!SeverityNames.TryParseConfigured(property.Value, out _, out _))
            {
                problems?.Add(new ConfigurationProblem(configPath, property.Line, $"Unknown severity '{property.Value}' for {property.Key}; the entry was ignored"));
                continue;
            }

            if (property.Key == idKey)
            {
                byId = property.Value;
            }
            else if (property.Key == categoryKey)
            {
                byCategory = property.Value;
            }
            else
            {
                all = property.Value;
            }
        }

        return byId is not null ? (byId, true) : byCategory is not null ? (byCategory, false) : all is not null ? (all, false) : null;
    }
}

/// <summary>An entry of a configuration file that was ignored because it could not be understood.</summary>
public sealed record ConfigurationProblem(string ConfigPath, int Line, string Message);

/// <summary>The command line's --include / --exclude: rule IDs or category names.</summary>
public sealed record RuleFilter(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)
{
    public static RuleFilter All { get; } = new([], []);

    public bool Allows(RuleDescriptor rule)
    {
        static bool Names(IReadOnlyList<string> list, RuleDescriptor rule) =>
            list.Any(x => x.Equals(rule.Id, StringComparison.OrdinalIgnoreCase) || x.Equals(rule.Category, StringComparison.OrdinalIgnoreCase));

        // Input and engine diagnostics are not findings to filter away: hiding a parse error would hide lost results.
        if (rule.Category is RuleCategories.Input or RuleCategories.Engine && !Names(Exclude, rule))
        {
            return true;
        }

        return (Include.Count == 0 || Names(Include, rule)) && !Names(Exclude, rule);
    }
}
