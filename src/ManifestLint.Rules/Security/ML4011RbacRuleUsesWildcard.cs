using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Security;

/// <summary>ML4011: a Role or ClusterRole rule that grants '*' verbs or resources. Opinionated, so off by default. See rules/ML4011.md.</summary>
public sealed class ML4011RbacRuleUsesWildcard() : ObjectRule(Rule, ["rbac.authorization.k8s.io"], "Role", "ClusterRole")
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.RbacRuleUsesWildcard,
        "RBAC rule grants a wildcard",
        "{0} '{1}' grants '*' in {2}: it covers every {3}, including ones added later by upgrades and CRDs",
        RuleCategories.Security,
        Severity.Warning,
        EnabledByDefault: false,
        Description: "A '*' in a rule's verbs or resources grants everything of that kind, now and in the future: verbs like escalate, bind and impersonate, subresources like pods/exec, and every custom resource installed later. Least privilege is only auditable when the grants are listed.",
        HelpText: "List the verbs and resources the subject needs.",
        SecuritySeverity: "6.5");

    private static readonly (string Field, string What)[] Fields = [("verbs", "verb"), ("resources", "resource")];

    protected override IEnumerable<Finding> Inspect(Resource role, ResourceAnalysisContext context)
    {
        if (role.Root.MappingAt("aggregationRule") is not null)
        {
            yield break; // Its rules are filled in by the controller from other roles.
        }

        foreach (var rule in role.Root.SequenceAt("rules")?.Mappings() ?? [])
        {
            foreach (var (field, what) in Fields)
            {
                if ((rule.SequenceAt(field)?.Items ?? []).OfType<ScalarNode>().FirstOrDefault(item => item.Value == "*") is { } wildcard)
                {
                    yield return Finding.At(wildcard, role.Kind, role.Name, field, what);
                }
            }
        }
    }
}
