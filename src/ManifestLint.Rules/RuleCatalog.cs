using System.Reflection;
using ManifestLint.Core.Engine;

namespace ManifestLint.Rules;

/// <summary>The built-in analyzers and their documentation pages.</summary>
public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<ManifestAnalyzer>> LazyAnalyzers = new(() =>
        [.. typeof(RuleCatalog).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(ManifestAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (ManifestAnalyzer)Activator.CreateInstance(t)!)]);

    public static IReadOnlyList<ManifestAnalyzer> Analyzers => LazyAnalyzers.Value;

    /// <summary>Every rule: the engine's own (ML9xxx) and every analyzer's, ordered by ID.</summary>
    public static IReadOnlyList<RuleDescriptor> AllRules =>
        [.. CoreRules.All.Concat(Analyzers.SelectMany(a => a.SupportedRules)).OrderBy(r => r.Id, StringComparer.Ordinal)];

    public static RuleDescriptor? Find(string id) =>
        AllRules.FirstOrDefault(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase));

    public static AnalysisEngine CreateEngine() => new(Analyzers);

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
