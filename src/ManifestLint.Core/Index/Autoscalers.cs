using ManifestLint.Core.Model;

namespace ManifestLint.Core.Index;

/// <summary>A HorizontalPodAutoscaler of the input and the object it scales.</summary>
public sealed record AutoscalerBinding(Resource Autoscaler, ScaleTargetReference Target, Resource Workload);

/// <summary>Which HorizontalPodAutoscalers of the input scale which objects, built once per run.</summary>
public static class Autoscalers
{
    /// <summary>For every object an HPA of the input targets (same namespace, group, kind and name), the HPAs that target it.</summary>
    public static IReadOnlyDictionary<Resource, IReadOnlyList<AutoscalerBinding>> ByWorkload(ManifestIndex index)
    {
        var result = new Dictionary<Resource, IReadOnlyList<AutoscalerBinding>>(ReferenceEqualityComparer.Instance);
        foreach (var autoscaler in index.OfKind("HorizontalPodAutoscaler"))
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
    /// The lowest replica count an HPA keeps: <c>spec.minReplicas</c>, 1 when absent (the API's default); null
    /// when it is not a plain integer.
    /// </summary>
    public static int? MinReplicas(Resource autoscaler) =>
        autoscaler.Root.ScalarAt("spec", "minReplicas") switch
        {
            null => 1,
            { IsNull: true } => 1,
            var node when node.TryGetInt32(out var value) => value,
            _ => null,
        };
}
