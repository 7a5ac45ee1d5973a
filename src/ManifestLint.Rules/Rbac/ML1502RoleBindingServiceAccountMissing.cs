using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.Rbac;

/// <summary>ML1502: a RoleBinding or ClusterRoleBinding grants to a ServiceAccount the input does not create. See rules/ML1502.md.</summary>
public sealed class ML1502RoleBindingServiceAccountMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.RoleBindingServiceAccountMissing,
        "Role binding subject ServiceAccount is missing",
        "{0} '{1}' grants its role to ServiceAccount '{2}' in namespace '{3}', but the input has no such ServiceAccount{4}",
        RuleCategories.Rbac,
        Severity.Warning,
        Description: "A binding to a ServiceAccount that does not exist grants nothing to the pods it was written for (they get \"forbidden\" errors), and whoever later creates an account of that name inherits the role.",
        HelpText: "Fix the subject's name and namespace, or create the ServiceAccount.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "RoleBinding", "ClusterRoleBinding");

    private static void Analyze(ResourceAnalysisContext context)
    {
        var binding = context.Resource;
        if (binding.Group != "rbac.authorization.k8s.io" || binding.Root.SequenceAt("subjects") is not { } subjects)
        {
            return;
        }

        foreach (var subject in subjects.Mappings())
        {
            if (subject.StringAt("kind") != "ServiceAccount" || subject.ScalarAt("name") is not { IsNull: false, Value.Length: > 0 } nameNode)
            {
                continue;
            }

            // The authorizer defaults a ServiceAccount subject's namespace to the RoleBinding's; a ClusterRoleBinding must name it.
            var ns = subject.StringAt("namespace") is { Length: > 0 } declared ? declared : binding.Kind == "RoleBinding" ? binding.Namespace : null;
            var name = nameNode.Value;
            if (ns is null || name == "default" || context.Index.WillExist("ServiceAccount", ns, name))
            {
                continue; // Every namespace has a "default" ServiceAccount.
            }

            if (!context.Index.DeclaresKindIn("ServiceAccount", ns))
            {
                continue; // The input creates no ServiceAccount in that namespace: they are managed elsewhere.
            }

            var related = new List<RelatedLocation>();
            var detail = "";
            if (context.Index.FindInAnyNamespace("ServiceAccount", name).FirstOrDefault() is { } elsewhere)
            {
                related.Add(new RelatedLocation(elsewhere.Location, $"ServiceAccount '{name}' in namespace '{elsewhere.Namespace}'"));
                detail = $"; it exists in namespace '{elsewhere.Namespace}': set the subject's namespace";
            }
            else if (SimilarNames.Closest(name, context.Index.OfKindIn("ServiceAccount", ns), r => r.Name) is { } similar)
            {
                related.Add(new RelatedLocation(similar.Location, $"ServiceAccount '{similar.Name}'"));
                detail = $"; did you mean '{similar.Name}'?";
            }

            context.Report(Rule, binding, binding.LocationOf(nameNode), [binding.Kind, binding.Name, name, ns, detail], related,
                $"fix the subject, or create ServiceAccount '{name}' in namespace '{ns}' (or declare it under externalObjects in .manifestlint.yaml)");
        }
    }
}
