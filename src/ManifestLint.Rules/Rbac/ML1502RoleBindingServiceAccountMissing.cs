using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;

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
            var written = subject.StringAt("namespace") is { Length: > 0 };
            var name = nameNode.Value;
            if (ns is null || name == "default")
            {
                continue; // Every namespace has a "default" ServiceAccount.
            }

            if (context.World.ResolveObject(binding, new ObjectQuery("ServiceAccount", ns, name, NamespaceIsWritten: written)) is not { IsAbsent: true, Evidence: { } evidence })
            {
                continue; // Present, or managed outside the input as far as anyone can tell.
            }

            context.ReportMissing(Rule, binding, binding.LocationOf(nameNode), evidence, [binding.Kind, binding.Name, name, ns],
                $"fix the subject, or create ServiceAccount '{name}' in namespace '{ns}' (or declare it under externalObjects in .manifestlint.yaml)");
        }
    }
}
