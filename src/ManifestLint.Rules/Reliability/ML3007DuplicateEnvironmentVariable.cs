using ManifestLint.Core.Engine;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Reliability;

/// <summary>ML3007: a container that defines the same environment variable twice. See rules/ML3007.md.</summary>
public sealed class ML3007DuplicateEnvironmentVariable() : ContainerRule(Rule, ContainerScope.All)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.DuplicateEnvironmentVariable,
        "Environment variable is defined twice",
        "{0} defines environment variable '{1}' again (first on line {2}): the container sees only the last value, and server-side apply rejects the duplicate key",
        RuleCategories.Reliability,
        Severity.Warning,
        Description: "Env entries are merged by name. With two entries of one name the last silently wins, so a change to the first has no effect, and kubectl apply --server-side and other field managers fail on the duplicate key.",
        HelpText: "Keep one entry per name: delete the one that should not apply.");

    protected override IEnumerable<Finding> Inspect(WorkloadContainer container)
    {
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in container.Node.SequenceAt("env")?.Mappings() ?? [])
        {
            if (entry.ScalarAt("name") is not { IsNull: false } name)
            {
                continue;
            }

            if (!firstLines.TryAdd(name.Value, name.Span.Start.Line))
            {
                yield return Finding.At(name, container.Description, name.Value, firstLines[name.Value]);
            }
        }
    }
}
