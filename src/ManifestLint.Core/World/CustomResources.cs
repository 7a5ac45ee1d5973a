using ManifestLint.Core.Model;

namespace ManifestLint.Core.World;

/// <summary>
/// Which objects may make pods appear that the input does not show. Built-in kinds (<see cref="KnownKinds"/>) never do (their pods are the
/// templates the index reads); a custom resource does when its operator is unknown: a namespace holding one may have pods
/// nobody declared, so "no pod there matches" is not certain. Custom resources known to create no pods (monitoring rules,
/// certificates, routes, policies) and those in the pod owner catalogue (whose pods are modelled) are not such sources.
/// </summary>
public static class CustomResources
{
    /// <summary>
    /// Groups whose custom resources configure something rather than run it: no pods come from them. A group here is
    /// listed whole only when none of its kinds creates pods; otherwise the pod-creating kinds are in the catalogue.
    /// </summary>
    private static readonly HashSet<string> GroupsWithoutPods = new(StringComparer.Ordinal)
    {
        "monitoring.coreos.com", "cert-manager.io", "acme.cert-manager.io", "networking.istio.io", "security.istio.io",
        "telemetry.istio.io", "extensions.istio.io", "gateway.networking.k8s.io", "gateway.networking.x-k8s.io",
        "external-secrets.io", "bitnami.com", "keda.sh", "traefik.io", "traefik.containo.us", "projectcontour.io",
        "getambassador.io", "cilium.io", "crd.projectcalico.org", "projectcalico.org", "kyverno.io", "constraints.gatekeeper.sh",
        "templates.gatekeeper.sh", "config.gatekeeper.sh", "policy.linkerd.io", "linkerd.io", "split.smi-spec.io",
        "autoscaling.k8s.io", "cloud.google.com", "networking.gke.io", "elbv2.k8s.aws", "secrets-store.csi.x-k8s.io",
        "install.istio.io", "kustomize.config.k8s.io", "config.kubernetes.io", "kind.x-k8s.io", "source.toolkit.fluxcd.io",
        "notification.toolkit.fluxcd.io", "image.toolkit.fluxcd.io", "snapshot.storage.k8s.io", "metrics.k8s.io",
    };

    /// <summary>
    /// Whether the object is a custom resource whose operator may run pods the input does not show: not a built-in kind,
    /// not a pod owner the run models (<paramref name="isModelledPodOwner"/>), and not of a group known to run nothing.
    /// </summary>
    public static bool MayCreateUnseenPods(Resource resource, bool isModelledPodOwner) =>
        !isModelledPodOwner && !KnownKinds.IsBuiltInGroup(resource.Group) && !GroupsWithoutPods.Contains(resource.Group) &&
        resource.Kind != "CustomResourceDefinition";
}
