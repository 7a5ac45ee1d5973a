using ManifestLint.Core.Model;

namespace ManifestLint.Core.Index;

/// <summary>A HorizontalPodAutoscaler (or KEDA ScaledObject) of the input and the object it scales.</summary>
public sealed record AutoscalerBinding(Resource Autoscaler, ScaleTargetReference Target, Resource Workload);

/// <summary>Which HorizontalPodAutoscalers of the input scale which objects, built once per run.</summary>
public static class Autoscalers
{
    /// <summary>For every object an HPA of the input targets (same namespace, group, kind and name), the HPAs that target it.</summary>
    public static IReadOnlyDictionary<Resource, IReadOnlyList<AutoscalerBinding>> ByWorkload(ManifestIndex index)
    {
        var result = new Dictionary<Resource, IReadOnlyList<AutoscalerBinding>>(ReferenceEqualityComparer.Instance);
        foreach (var autoscaler in index.OfKind("HorizontalPodAutoscaler").Concat(index.OfKind("ScaledObject")))
        {
            if (ScaleTargetReference.Of(autoscaler) is not { } target || autoscaler.Namespace is not { } ns)
            {
                continue;
            }

            foreach (var workload in index.FindAll(target.Kind, ns, target.Name).Where(target.Matches))
            {
                result[workload] = [.. result.GetValueOrDefault(workload) ?? [], new AutoscalerBinding(autoscaler, target, workload)];
            }
        }

        return result;
    }

    /// <summary>
    /// The lowest replica count an autoscaler keeps: an HPA's <c>spec.minReplicas</c> (1 when absent, the API's default),
    /// a ScaledObject's <c>spec.minReplicaCount</c> (0 when absent: KEDA scales to zero); null when it is not a plain integer.
    /// </summary>
    public static int? MinReplicas(Resource autoscaler)
    {
        var keda = ScaleTargetReference.IsKedaScaledObject(autoscaler);
        return autoscaler.Root.ScalarAt("spec", keda ? "minReplicaCount" : "minReplicas") switch
        {
            null or { IsNull: true } => keda ? 0 : 1,
            var node when node.TryGetInt32(out var value) => value,
            _ => null,
        };
    }

    /// <summary>Where an autoscaler states its minimum, for related locations.</summary>
    public static string MinReplicasKey(Resource autoscaler) => ScaleTargetReference.IsKedaScaledObject(autoscaler) ? "minReplicaCount" : "minReplicas";
}
