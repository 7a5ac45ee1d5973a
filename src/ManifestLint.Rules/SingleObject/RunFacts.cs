using System.Runtime.CompilerServices;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;

namespace ManifestLint.Rules.SingleObject;

/// <summary>
/// Facts about the whole input that a few single-object checks ask once per object: which Services send a pod
/// template traffic, which autoscalers scale a workload. Computed once per run (per index) from the index's
/// selector lookups, so that asking per object stays linear in a namespace with thousands of apps.
/// </summary>
public static class RunFacts
{
    private static readonly ConditionalWeakTable<ManifestIndex, Lazy<Facts>> ByIndex = new();

    /// <summary>The Services of the input that select the template's pods (not ExternalName, with a selector), in input order.</summary>
    public static IReadOnlyList<Resource> ServicesSelecting(ManifestIndex index, PodTemplate pod) =>
        Of(index).Services.GetValueOrDefault(pod) ?? [];

    /// <summary>The HorizontalPodAutoscalers of the input that scale the workload.</summary>
    public static IReadOnlyList<AutoscalerBinding> AutoscalersOf(ManifestIndex index, Resource workload) =>
        Of(index).Autoscalers.GetValueOrDefault(workload) ?? [];

    private static Facts Of(ManifestIndex index) =>
        ByIndex.GetValue(index, i => new Lazy<Facts>(() => Build(i), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static Facts Build(ManifestIndex index)
    {
        var services = new Dictionary<PodTemplate, List<Resource>>(); // A PodTemplate is equal only to itself.
        foreach (var service in index.OfKind("Service"))
        {
            foreach (var pod in ServiceSelection.SelectedPods(index, service) ?? [])
            {
                if (!services.TryGetValue(pod, out var list))
                {
                    services[pod] = list = [];
                }

                list.Add(service);
            }
        }

        return new Facts(
            services.ToDictionary(p => p.Key, p => (IReadOnlyList<Resource>)p.Value),
            Core.Index.Autoscalers.ByWorkload(index));
    }

    private sealed record Facts(
        IReadOnlyDictionary<PodTemplate, IReadOnlyList<Resource>> Services,
        IReadOnlyDictionary<Resource, IReadOnlyList<AutoscalerBinding>> Autoscalers);
}
