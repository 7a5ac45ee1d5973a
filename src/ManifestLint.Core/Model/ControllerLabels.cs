using System.Globalization;

namespace ManifestLint.Core.Model;

/// <summary>
/// The labels Kubernetes' own controllers put on the pods they create, which no manifest shows: a per-pod Service
/// (<c>statefulset.kubernetes.io/pod-name: kafka-0</c>) or a headless Service for an Indexed Job
/// (<c>job-name: train</c>) is correct Kubernetes. A value set is null when the value is not known from the input
/// (a hash, a uid, a CronJob's job names); otherwise it holds every value some pod gets.
/// </summary>
public static class ControllerLabels
{
    /// <summary>Above this many replicas, per-pod values are not listed (they are still known to exist).</summary>
    private const int MaxListedPods = 1000;

    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>?> None = new Dictionary<string, IReadOnlySet<string>?>();

    /// <summary>Every key any built-in controller adds, so a selector on one of them is recognised even for other owners.</summary>
    public static IReadOnlySet<string> Keys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "pod-template-hash", "controller-revision-hash", "pod-template-generation",
        "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index",
        "job-name", "batch.kubernetes.io/job-name", "controller-uid", "batch.kubernetes.io/controller-uid",
        "batch.kubernetes.io/job-completion-index", "rollouts-pod-template-hash",
    };

    public static IReadOnlyDictionary<string, IReadOnlySet<string>?> Of(PodTemplate template)
    {
        var owner = template.Owner;
        return (owner.Group, owner.Kind) switch
        {
            ("apps" or "extensions", "Deployment" or "ReplicaSet") => Unknown("pod-template-hash"),
            ("argoproj.io", "Rollout") => Unknown("rollouts-pod-template-hash", "pod-template-hash"),
            ("apps", "StatefulSet") => StatefulSet(template),
            ("apps" or "extensions", "DaemonSet") => Unknown("controller-revision-hash", "pod-template-generation"),
            ("batch", "Job") => Job(template),
            ("batch", "CronJob") => Unknown("job-name", "batch.kubernetes.io/job-name", "controller-uid", "batch.kubernetes.io/controller-uid"),
            _ => None,
        };
    }

    private static Dictionary<string, IReadOnlySet<string>?> Unknown(params string[] keys) =>
        keys.ToDictionary(k => k, _ => (IReadOnlySet<string>?)null, StringComparer.Ordinal);

    private static Dictionary<string, IReadOnlySet<string>?> StatefulSet(PodTemplate template)
    {
        var labels = Unknown("controller-revision-hash");
        var replicas = template.Replicas;
        var listed = replicas is { } count and <= MaxListedPods;
        labels["statefulset.kubernetes.io/pod-name"] = listed ? Ordinals(replicas!.Value, i => $"{template.Owner.Name}-{i}") : null;
        labels["apps.kubernetes.io/pod-index"] = listed ? Ordinals(replicas!.Value, i => i) : null;
        return labels;
    }

    private static Dictionary<string, IReadOnlySet<string>?> Job(PodTemplate template)
    {
        var name = new HashSet<string>(StringComparer.Ordinal) { template.Owner.Name };
        var labels = Unknown("controller-uid", "batch.kubernetes.io/controller-uid");
        labels["job-name"] = name;
        labels["batch.kubernetes.io/job-name"] = name;
        if (template.Owner.Root.StringAt("spec", "completionMode") == "Indexed")
        {
            var completions = template.Owner.Root.ScalarAt("spec", "completions") is { } node && node.TryGetInt32(out var c) ? c : (int?)null;
            labels["batch.kubernetes.io/job-completion-index"] = completions is > 0 and <= MaxListedPods ? Ordinals(completions.Value, i => i) : null;
        }

        return labels;
    }

    private static HashSet<string> Ordinals<T>(int count, Func<int, T> value) =>
        [.. Enumerable.Range(0, Math.Max(count, 0)).Select(i => Convert.ToString(value(i), CultureInfo.InvariantCulture)!)];
}
