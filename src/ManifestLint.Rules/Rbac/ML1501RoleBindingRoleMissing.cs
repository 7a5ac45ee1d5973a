using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.World;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.Rbac;

/// <summary>ML1501: a RoleBinding or ClusterRoleBinding grants a Role or ClusterRole the input does not create. See rules/ML1501.md.</summary>
public sealed class ML1501RoleBindingRoleMissing : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.RoleBindingRoleMissing,
        "Role binding refers to a missing role",
        "{0} '{1}' grants {2} '{3}', but the input has no {2} '{3}'{4}{5}",
        RuleCategories.Rbac,
        Severity.Warning,
        Description: "A binding to a role that does not exist grants nothing: its subjects get \"forbidden\" errors until the role appears, and whoever creates a role of that name later decides what they are granted.",
        HelpText: "Fix roleRef's kind and name, or create the role.",
        IsCrossResource: true);

    private const string RbacGroup = "rbac.authorization.k8s.io";

    /// <summary>
    /// ClusterRoles every cluster has: the user-facing ones, and the system: ones the API server bootstraps
    /// (system:auth-delegator, system:discovery, system:controller:…), plus prefixes kubeadm and managed
    /// platforms reserve for the roles they install.
    /// </summary>
    private static readonly HashSet<string> BuiltInClusterRoles = new(StringComparer.Ordinal) { "cluster-admin", "admin", "edit", "view" };

    private static readonly string[] PlatformRolePrefixes = ["system:", "kubeadm:", "eks:", "gce:"];

    /// <summary>Roles the API server bootstraps in kube-system (besides system:-prefixed ones).</summary>
    private static readonly HashSet<string> BuiltInKubeSystemRoles = new(StringComparer.Ordinal) { "extension-apiserver-authentication-reader" };

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, "RoleBinding", "ClusterRoleBinding");

    private static void Analyze(ResourceAnalysisContext context)
    {
        var binding = context.Resource;
        if (binding.Group != RbacGroup || binding.Root.MappingAt("roleRef") is not { } roleRef)
        {
            return;
        }

        if (roleRef.StringAt("kind") is not { } kind || roleRef.ScalarAt("name") is not { IsNull: false, Value.Length: > 0 } nameNode)
        {
            return; // The API server rejects a roleRef without kind or name.
        }

        var name = nameNode.Value;
        if (PlatformRolePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
        {
            return;
        }

        switch (kind)
        {
            case "ClusterRole":
                AnalyzeClusterRoleRef(context, binding, nameNode);
                break;
            case "Role" when binding.Kind == "RoleBinding" && binding.Namespace is { } ns:
                AnalyzeRoleRef(context, binding, nameNode, ns);
                break;
        }
    }

    private static void AnalyzeClusterRoleRef(ResourceAnalysisContext context, Resource binding, ScalarNode nameNode)
    {
        var name = nameNode.Value;
        var index = context.Index;
        if (BuiltInClusterRoles.Contains(name))
        {
            return;
        }

        var resolution = context.World.ResolveObject(binding, new ObjectQuery("ClusterRole", null, name, r => r.Group == RbacGroup));
        if (resolution.Presence == Presence.Present)
        {
            return;
        }

        // A Role of this name next to a RoleBinding says the kind is wrong, whatever else the input holds.
        var role = binding.Kind == "RoleBinding" ? index.Find(RbacGroup, "Role", binding.Namespace, name) : null;
        var evidence = role is not null
            ? new Evidence(EvidenceKind.NearMiss, $"; Role '{name}' exists in namespace '{role.Namespace}': set roleRef.kind to Role", [new RelatedLocation(role.Location, $"Role '{name}'")], null)
            : resolution.Evidence;
        if (evidence is null)
        {
            return; // The role may come with another component.
        }

        context.ReportMissing(Rule, binding, binding.LocationOf(nameNode), evidence, [binding.Kind, binding.Name, "ClusterRole", name, ""],
            "fix roleRef, create the ClusterRole, or declare it under externalObjects in .manifestlint.yaml");
    }

    private static void AnalyzeRoleRef(ResourceAnalysisContext context, Resource binding, ScalarNode nameNode, string ns)
    {
        var name = nameNode.Value;
        var index = context.Index;
        if (ns == "kube-system" && BuiltInKubeSystemRoles.Contains(name))
        {
            return;
        }

        var resolution = context.World.ResolveObject(binding, new ObjectQuery("Role", ns, name, r => r.Group == RbacGroup));
        if (resolution.Presence == Presence.Present)
        {
            return;
        }

        // A ClusterRole of this name (or a built-in one) says the kind is wrong, whatever else the input holds.
        var clusterRole = index.Find(RbacGroup, "ClusterRole", null, name);
        var builtIn = BuiltInClusterRoles.Contains(name);
        var evidence = clusterRole is not null || builtIn
            ? new Evidence(EvidenceKind.NearMiss, $"; {(builtIn ? "the built-in" : "a")} ClusterRole '{name}' exists: set roleRef.kind to ClusterRole",
                clusterRole is null ? [] : [new RelatedLocation(clusterRole.Location, $"ClusterRole '{name}'")], null)
            : resolution.Evidence;
        if (evidence is null)
        {
            return; // Roles of this namespace are managed elsewhere.
        }

        context.ReportMissing(Rule, binding, binding.LocationOf(nameNode), evidence, [binding.Kind, binding.Name, "Role", name, $" in namespace '{ns}'"],
            "fix roleRef, create the Role in the binding's namespace, or declare it under externalObjects in .manifestlint.yaml");
    }
}
