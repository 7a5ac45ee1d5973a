using System.Text;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Yaml;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Reliability;

/// <summary>ML3005: a liveness probe that runs the same HTTP request or command as the readiness probe. See rules/ML3005.md.</summary>
public sealed class ML3005LivenessProbeSameAsReadiness() : ContainerRule(Rule, ContainerScope.Running)
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.LivenessProbeSameAsReadiness,
        "Liveness probe runs the same check as the readiness probe",
        "livenessProbe of {0} runs the same {1} check as its readinessProbe: when that check fails for a reason outside the container (a slow dependency, load), the kubelet restarts every replica instead of only taking it out of the Service",
        RuleCategories.Reliability,
        Severity.Warning,
        Description: "A readiness check answers 'can I take traffic now?' and often tests dependencies; a liveness check must answer only 'is this process stuck?'. With one check for both, a database outage or an overload fails liveness on every replica at once, and the restarts turn a degradation into a full outage (and cold caches, and a thundering herd when they come back).",
        HelpText: "Give liveness its own cheap check that does not depend on other services (/livez beside /readyz), or drop the liveness probe.");

    /// <summary>
    /// Handlers that can test more than the process itself. A TCP connect or a gRPC health call to the server's own
    /// port answers from the process, so the same check for both probes does not restart pods for a dependency.
    /// </summary>
    private static readonly string[] JudgedHandlers = ["httpGet", "exec"];

    protected override IEnumerable<Finding> Inspect(WorkloadContainer container)
    {
        if (container.Node.MappingAt("livenessProbe") is not { } liveness || container.Node.MappingAt("readinessProbe") is not { } readiness)
        {
            yield break;
        }

        foreach (var handler in JudgedHandlers)
        {
            if (liveness.At(handler) is { } live && readiness.At(handler) is { } ready && Canonical(live) is { } same && same == Canonical(ready))
            {
                yield return Finding.At(container.Node.KeyOf("livenessProbe")!, container.Description, Describe(handler, live));
            }
        }
    }

    private static string Describe(string handler, ManifestNode check) => handler == "httpGet"
        ? $"HTTP (GET {check.StringAt("path") ?? "/"} on port {check.StringAt("port")})"
        : "exec";

    /// <summary>
    /// A node's content with mapping keys sorted, so that key order and quoting style do not matter; null beyond
    /// <see cref="MaxNodes"/> nodes, since aliases can make a small document describe an enormous tree.
    /// </summary>
    private static string? Canonical(ManifestNode node)
    {
        var text = new StringBuilder();
        var budget = MaxNodes;
        return Append(node, text, ref budget) ? text.ToString() : null;
    }

    private const int MaxNodes = 1000;

    private static bool Append(ManifestNode node, StringBuilder text, ref int budget)
    {
        if (--budget < 0)
        {
            return false;
        }

        switch (node)
        {
            case ScalarNode scalar:
                text.Append(scalar.IsNull ? "~" : "'" + scalar.Value.Replace("'", "''", StringComparison.Ordinal) + "'");
                return true;
            case SequenceNode sequence:
                text.Append('[');
                foreach (var item in sequence.Items)
                {
                    if (!Append(item, text, ref budget))
                    {
                        return false;
                    }

                    text.Append(',');
                }

                text.Append(']');
                return true;
            case MappingNode mapping:
                text.Append('{');
                foreach (var entry in mapping.Entries.OrderBy(e => e.KeyText, StringComparer.Ordinal))
                {
                    text.Append(entry.KeyText).Append(':');
                    if (!Append(entry.Value, text, ref budget))
                    {
                        return false;
                    }

                    text.Append(',');
                }

                text.Append('}');
                return true;
            default:
                return false;
        }
    }
}
