using System.Globalization;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Reliability;

/// <summary>ML3006: a Deployment whose update strategy may stop every pod at once. See rules/ML3006.md.</summary>
public sealed class ML3006RolloutCanTakeAllPodsDown() : ObjectRule(Rule, ["apps", "extensions"], "Deployment")
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.RolloutCanTakeAllPodsDown,
        "Deployment rollout can take every pod down",
        "Deployment '{0}' {1}: every rollout, even of a config change, is an outage until the new pods are ready",
        RuleCategories.Reliability,
        Severity.Warning,
        Description: "A rolling update keeps at least replicas minus maxUnavailable pods serving. When maxUnavailable reaches the replica count, or the strategy is Recreate, the controller stops all old pods before new ones are ready, so each deploy drops every request, and a new version that fails to start leaves nothing running.",
        HelpText: "Use RollingUpdate with maxUnavailable below the replica count (the default 25%, or 0 with maxSurge 1).",
        IsCrossResource: true);

    protected override IEnumerable<Finding> Inspect(Resource deployment, ResourceAnalysisContext context)
    {
        if (deployment.Spec is not { } spec || context.PodTemplate is not { } pod)
        {
            yield break;
        }

        if (spec.ScalarAt("strategy", "type") is { Value: "Recreate" } recreate)
        {
            if (UsesSingleNodeVolume(pod) || RunFacts.ServicesSelecting(context.Index, pod).FirstOrDefault() is not { } service)
            {
                yield break; // A ReadWriteOnce claim cannot be attached by old and new pods at once; without a Service, no one waits on it.
            }

            yield return new Finding(recreate, [deployment.Name, $"uses the Recreate strategy and Service '{service.Name}' sends it traffic"],
                "Use RollingUpdate; when the pods share a ReadWriteOnce volume, keep Recreate and suppress this finding with the reason.");
            yield break;
        }

        if (spec.ScalarAt("strategy", "rollingUpdate", "maxUnavailable") is not { IsNull: false } maxUnavailable ||
            MinimumReplicas(context.Index, deployment) is not ({ } replicas and > 0))
        {
            yield break; // The default (25%) always keeps three quarters of the pods, rounded up; zero replicas have nothing to lose.
        }

        var text = maxUnavailable.Value;
        if (text.EndsWith('%') && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            if (replicas * percent / 100 >= replicas)
            {
                yield return Finding.At(maxUnavailable, deployment.Name, $"allows maxUnavailable {text} of its pods during a rolling update");
            }
        }
        else if (maxUnavailable.TryGetInt32(out var count) && count >= replicas)
        {
            yield return Finding.At(maxUnavailable, deployment.Name, $"allows maxUnavailable {count} with {replicas} replica{(replicas == 1 ? "" : "s")}");
        }
    }

    /// <summary>Volume sources that attach to one node at a time (ReadWriteOnce), through a claim or directly.</summary>
    private static readonly string[] SingleNodeVolumes =
        ["persistentVolumeClaim", "gcePersistentDisk", "awsElasticBlockStore", "azureDisk", "cinder", "rbd", "iscsi"];

    private static bool UsesSingleNodeVolume(PodTemplate pod) =>
        (pod.Spec?.SequenceAt("volumes")?.Mappings() ?? []).Any(v => SingleNodeVolumes.Any(source => v.MappingAt(source) is not null));

    /// <summary>The fewest pods the Deployment runs: an autoscaler's minReplicas when one scales it, else spec.replicas (default 1).</summary>
    private static int? MinimumReplicas(ManifestIndex index, Resource deployment)
    {
        if (RunFacts.AutoscalersOf(index, deployment).FirstOrDefault() is { } binding)
        {
            return Autoscalers.MinReplicas(binding.Autoscaler);
        }

        return deployment.Spec?.ScalarAt("replicas") switch
        {
            null or { IsNull: true } => 1,
            ScalarNode node when node.TryGetInt32(out var replicas) => replicas,
            _ => null,
        };
    }
}
