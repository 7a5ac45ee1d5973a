using ManifestLint.Core.Engine;

namespace ManifestLint.Core.Tests.Support;

/// <summary>An analyzer assembled from a lambda, so each engine test states the behaviour it needs next to its assertions.</summary>
internal sealed class DelegateAnalyzer(IReadOnlyList<RuleDescriptor> rules, Action<AnalysisContext> initialize) : ManifestAnalyzer
{
    public override IReadOnlyList<RuleDescriptor> SupportedRules => rules;

    public int InitializeCount { get; private set; }

    public override void Initialize(AnalysisContext context)
    {
        InitializeCount++;
        initialize(context);
    }
}

internal static class TestRules
{
    public static RuleDescriptor Rule(string id, string category = "Test", Severity severity = Severity.Warning, bool enabledByDefault = true) =>
        new(id, $"Test rule {id}", "{0}", category, severity, enabledByDefault);

    /// <summary>Reports the rule once on every resource, at its metadata.name value.</summary>
    public static DelegateAnalyzer ReportingOnEveryResource(RuleDescriptor rule) =>
        new([rule], context => context.RegisterResourceAction(c => c.Report(rule, c.Resource.Root.At("metadata", "name")!, c.Resource.Name)));
}
