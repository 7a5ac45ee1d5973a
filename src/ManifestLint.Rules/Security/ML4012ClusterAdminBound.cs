using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Security;

/// <summary>ML4012: a binding that grants the cluster-admin ClusterRole. See rules/ML4012.md.</summary>
public sealed class ML4012ClusterAdminBound() : ObjectRule(Rule, ["rbac.authorization.k8s.io"], "ClusterRoleBinding", "RoleBinding")
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.ClusterAdminBound,
        "Binding grants cluster-admin",
        "{0} '{1}' grants the cluster-admin ClusterRole {2}: its subjects can do anything{3}, including reading every Secret and granting themselves more",
        RuleCategories.Security,
        Severity.Warning,
        Description: "cluster-admin allows every verb on every resource. A ServiceAccount bound to it turns any compromise of a pod that uses it (or of anyone who can create pods in its namespace) into control of the cluster.",
        HelpText: "Bind a role that lists what the subjects need; keep cluster-admin for break-glass humans, bound outside application manifests.",
        SecuritySeverity: "9.0");

    protected override IEnumerable<Finding> Inspect(Resource binding, ResourceAnalysisContext context)
    {
        if (binding.Root.MappingAt("roleRef") is not { } roleRef || roleRef.StringAt("kind") != "ClusterRole" ||
            roleRef.ScalarAt("name") is not { Value: "cluster-admin" } name)
        {
            yield break;
        }

        var subjects = (binding.Root.SequenceAt("subjects")?.Mappings() ?? []).Select(s => $"{s.StringAt("kind")} '{s.StringAt("name")}'").ToList();
        var to = subjects.Count == 0 ? "" : "to " + string.Join(", ", subjects);
        var scope = binding.Kind == "RoleBinding" ? $" in namespace '{binding.Namespace}'" : " in every namespace";
        yield return Finding.At(name, binding.Kind, binding.Name, to, scope);
    }
}
