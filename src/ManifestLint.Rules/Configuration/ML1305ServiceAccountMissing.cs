using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.Configuration;

/// <summary>ML1305: a pod template runs as a ServiceAccount that the input does not create. See rules/ML1305.md.</summary>
public sealed class ML1305ServiceAccountMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ServiceAccountMissing,
        "Pod ServiceAccount is missing",
        "{0} '{1}' runs as ServiceAccount '{2}', but the input has no ServiceAccount '{2}' in namespace '{3}'{4}",
        RuleCategories.Configuration,
        Severity.Warning,
        Description: "The ServiceAccount admission plugin rejects pods whose ServiceAccount does not exist, so the workload's controller cannot create any pod.",
        HelpText: "Create the ServiceAccount in the pod's namespace, or fix serviceAccountName.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterPodTemplateAction(Analyze);

    private static void Analyze(ResourceAnalysisContext context)
    {
        if (context.PodTemplate is not { Spec: { } spec } template || template.Owner.Namespace is not { } ns)
        {
            return;
        }

        // serviceAccount is the deprecated alias; the API only reads it when serviceAccountName is empty.
        if ((NonEmpty(spec.ScalarAt("serviceAccountName")) ?? NonEmpty(spec.ScalarAt("serviceAccount"))) is not { } nameNode)
        {
            return;
        }

        var name = nameNode.Value;
        if (name == "default")
        {
            return; // Every namespace has a "default" ServiceAccount.
        }

        var owner = template.Owner;
        if (context.World.ResolveObject(owner, new ObjectQuery("ServiceAccount", ns, name)) is not { IsAbsent: true, Evidence: { } evidence })
        {
            return; // Present, or managed outside the input as far as anyone can tell.
        }

        context.ReportMissing(Rule, owner, owner.LocationOf(nameNode), evidence, [owner.Kind, owner.Name, name, ns],
            $"create ServiceAccount '{name}' in namespace '{ns}' (or declare it under externalObjects in .manifestlint.yaml), or fix the name");
    }

    private static ScalarNode? NonEmpty(ScalarNode? node) => node is { IsNull: false, Value.Length: > 0 } ? node : null;
}
