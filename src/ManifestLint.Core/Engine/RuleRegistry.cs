using ManifestLint.Core.Configuration;

namespace ManifestLint.Core.Engine;

/// <summary>
/// The rules of one run: the engine's own, the built-in analyzers, and the custom rules of the run's configuration.
/// Built once the configuration is read (custom rules live there), and asked by everything that names rules: the
/// engine, <c>rules</c>, <c>explain</c>, --include/--exclude, and the documentation in SARIF.
/// </summary>
public sealed class RuleRegistry
{
    private readonly Func<string, string?> _documentation;

    public RuleRegistry(IReadOnlyList<ManifestAnalyzer> analyzers, Func<string, string?> documentation)
    {
        Analyzers = analyzers;
        _documentation = documentation;
        AllRules = [.. CoreRules.All.Concat(analyzers.SelectMany(a => a.SupportedRules)).OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    public IReadOnlyList<ManifestAnalyzer> Analyzers { get; }

    /// <summary>Every rule, ordered by ID.</summary>
    public IReadOnlyList<RuleDescriptor> AllRules { get; }

    public RuleDescriptor? Find(string id) => AllRules.FirstOrDefault(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The rule's page in Markdown (SARIF's help, <c>explain</c>); null when it has none.</summary>
    public string? Documentation(string id) => _documentation(id);

    /// <summary>The first of the names that is neither a rule ID nor a category, or null.</summary>
    public string? FirstUnknownName(IEnumerable<string> names)
    {
        var categories = AllRules.Select(r => r.Category).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return names.FirstOrDefault(n => Find(n) is null && !categories.Contains(n));
    }

    public AnalysisEngine CreateEngine() => new(Analyzers);
}

/// <summary>Makes a run's registry from its configuration (the Rules assembly's catalogue plus the configuration's custom rules).</summary>
/// <exception cref="ConfigurationException">A custom rule cannot be built (its schema, for example).</exception>
public delegate RuleRegistry RuleRegistryFactory(RepositoryConfig config);
