using System.Reflection;
using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;
using ManifestLint.Rules.Custom;

namespace ManifestLint.Rules;

/// <summary>The built-in analyzers and their documentation pages.</summary>
public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<ManifestAnalyzer>> LazyAnalyzers = new(() =>
        [.. typeof(RuleCatalog).Assembly.GetTypes()
            // Custom rules' analyzers take their definition, so they are never built-in ones.
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(ManifestAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (ManifestAnalyzer)Activator.CreateInstance(t)!)]);

    public static IReadOnlyList<ManifestAnalyzer> Analyzers => LazyAnalyzers.Value;

    /// <summary>Every rule: the engine's own (ML9xxx) and every analyzer's, ordered by ID.</summary>
    public static IReadOnlyList<RuleDescriptor> AllRules =>
        [.. CoreRules.All.Concat(Analyzers.SelectMany(a => a.SupportedRules)).OrderBy(r => r.Id, StringComparer.Ordinal)];

    public static RuleDescriptor? Find(string id) =>
        AllRules.FirstOrDefault(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase));

    public static AnalysisEngine CreateEngine() => new(Analyzers);

    /// <summary>The built-in rules without a configuration: what `rules` and `explain` list outside any repository.</summary>
    public static RuleRegistry BuiltIn => RegistryFor(new RepositoryConfig());

    /// <summary>
    /// The registry of a run (<see cref="RuleRegistryFactory"/>): the built-in analyzers and the configuration's custom
    /// rules, whose pages are made from their definitions.
    /// </summary>
    /// <exception cref="ConfigurationException">A custom rule cannot be built.</exception>
    public static RuleRegistry RegistryFor(RepositoryConfig config)
    {
        if (config.CustomRules.Count == 0)
        {
            return new RuleRegistry(Analyzers, Documentation);
        }

        var checks = CustomRules.Build(config, [.. AllRules.Select(r => r.Id)]);
        var pages = checks.ToDictionary(c => c.Definition.Id, c => c.Documentation(), StringComparer.OrdinalIgnoreCase);
        return new RuleRegistry([.. Analyzers, .. checks.Select(CustomRules.Analyzer)], id => pages.GetValueOrDefault(id) ?? Documentation(id));
    }

    /// <summary>The rule's page (rules/ID.md), embedded at build time; null when there is none.</summary>
    public static string? Documentation(string id)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"ManifestLint.Rules.Docs.{id.ToUpperInvariant()}.md");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
