using ManifestLint.Core.Engine;
using ManifestLint.Core.Schema;

namespace ManifestLint.Rules.Schema;

/// <summary>ML2005: metadata.namespace on an object of a cluster-scoped kind. See rules/ML2005.md.</summary>
public sealed class ML2005NamespaceOnClusterScopedKind : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.NamespaceOnClusterScopedKind,
        "Namespace set on a cluster-scoped object",
        "{0} is cluster-scoped, but metadata.namespace says '{1}'",
        RuleCategories.Schema,
        Severity.Warning,
        Description: "Objects of a cluster-scoped kind (ClusterRole, Namespace, StorageClass, PersistentVolume…) belong to no namespace; the namespace written is ignored, which misleads readers and tools that group objects by namespace.",
        HelpText: "Remove metadata.namespace; if the object was meant to be per namespace, use the namespaced kind (Role instead of ClusterRole).");

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => SchemaFindings.OnViolations(context, SchemaViolationKind.NamespaceOnClusterScopedKind, Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        foreach (var violation in SchemaFindings.Of(context.Resource, SchemaViolationKind.NamespaceOnClusterScopedKind))
        {
            context.Report(Rule, context.Resource, SchemaFindings.LocationOf(context.Resource, violation), [violation.TypeName, violation.Actual]);
        }
    }
}
