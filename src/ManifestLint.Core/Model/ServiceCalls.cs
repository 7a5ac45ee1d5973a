using System.Text.RegularExpressions;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>One Service address a pod template is configured with, and the string it is written in.</summary>
public sealed record ServiceCall(ScalarNode Text, ServiceAddress Address);

/// <summary>
/// The Services a pod template is configured to call: the Service addresses in its containers' env values, args and
/// command items. One reading, shared by the rule that checks calls against NetworkPolicies (ML1205) and by the
/// resource graph's "calls" edges.
/// </summary>
public static partial class ServiceCalls
{
    public static IEnumerable<ServiceCall> Of(PodTemplate caller)
    {
        foreach (var (text, valueIsHost) in CallerStrings(caller))
        {
            foreach (var address in ServiceAddresses.Find(text.Value, valueIsHost))
            {
                yield return new ServiceCall(text, address);
            }
        }
    }

    /// <summary>What the caller's containers are configured with: env values, args and command items. The bool is whether an env var's name says its value is a host.</summary>
    private static IEnumerable<(ScalarNode Text, bool ValueIsHost)> CallerStrings(PodTemplate caller)
    {
        foreach (var container in caller.Containers)
        {
            foreach (var env in container.Node.SequenceAt("env")?.Mappings() ?? [])
            {
                if (env.ScalarAt("value") is { IsNull: false } value)
                {
                    yield return (value, HostVariable().IsMatch(env.StringAt("name") ?? ""));
                }
            }

            foreach (var key in new[] { "command", "args" })
            {
                foreach (var item in container.Node.SequenceAt(key)?.Items.OfType<ScalarNode>() ?? [])
                {
                    yield return (item, false);
                }
            }
        }
    }

    /// <summary>Env var names whose value is a host on its own (REDIS_HOST=redis): only then does a bare name count without a port or URL.</summary>
    [GeneratedRegex("(^|_)(HOST|HOSTNAME|ADDR|ADDRESS|SERVER|ENDPOINT)$", RegexOptions.IgnoreCase)]
    private static partial Regex HostVariable();
}
