using ManifestLint.Core.Index;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.SingleObject;

/// <summary>Which containers of a pod a check looks at.</summary>
[Flags]
public enum ContainerScope
{
    /// <summary>Entries of <c>containers</c>.</summary>
    Regular = 1,

    /// <summary>Init containers that run to completion before the pod starts.</summary>
    Init = 2,

    /// <summary>Native sidecars: init containers with <c>restartPolicy: Always</c>, which run beside the regular containers.</summary>
    Sidecar = 4,

    /// <summary>Containers that keep running while the pod serves: regular containers and native sidecars.</summary>
    Running = Regular | Sidecar,

    All = Regular | Init | Sidecar,
}

/// <summary>
/// One container of one pod template, as single-object checks see it: the container, its pod, and the settings the
/// kubelet resolves from both (a container's <c>securityContext</c> field overrides the pod's).
/// </summary>
public sealed record WorkloadContainer(WorkloadPod Pod, Container Container)
{
    public string Name => Container.Name;

    public MappingNode Node => Container.Node;

    public ContainerScope Role => Container.IsSidecar ? ContainerScope.Sidecar : Container.IsInit ? ContainerScope.Init : ContainerScope.Regular;

    /// <summary>"container 'web'" or "init container 'setup'", as messages name it.</summary>
    public string Description => Role switch
    {
        ContainerScope.Init => $"init container '{Name}'",
        ContainerScope.Sidecar => $"sidecar container '{Name}'",
        _ => $"container '{Name}'",
    };

    /// <summary>Where a finding about something the container lacks points: its <c>name</c> value.</summary>
    public ManifestNode NameNode => (ManifestNode?)Node.ScalarAt("name") ?? Node;

    public MappingNode? SecurityContext => Node.MappingAt("securityContext");

    /// <summary>
    /// A security setting that both the pod and the container can set (runAsUser, runAsNonRoot, runAsGroup,
    /// seccompProfile…): the container's value when it has one, else the pod's; null when neither sets it.
    /// </summary>
    public ScalarNode? EffectiveSecuritySetting(string key) =>
        SecurityContext?.ScalarAt(key) is { IsNull: false } own ? own : Pod.Spec?.ScalarAt("securityContext", key) is { IsNull: false } inherited ? inherited : null;

    /// <summary>A boolean the container's securityContext sets, with its node; null when absent or not a boolean.</summary>
    public (bool Value, ScalarNode Node)? ContainerFlag(string key) =>
        SecurityContext?.ScalarAt(key) is { } node && node.AsBoolean() is { } value ? (value, node) : null;

    public bool IsPrivileged => ContainerFlag("privileged") is (true, _);

    /// <summary>The items of <c>securityContext.capabilities.add</c> or <c>.drop</c>.</summary>
    public IEnumerable<ScalarNode> Capabilities(string list) =>
        SecurityContext?.SequenceAt("capabilities", list)?.Items.OfType<ScalarNode>().Where(c => !c.IsNull) ?? [];
}

/// <summary>A pod template as single-object checks see it, with the run's index for the few that ask about neighbours.</summary>
public sealed record WorkloadPod(PodTemplate Template, ManifestIndex Index)
{
    public Resource Owner => Template.Owner;

    public string OwnerKind => Template.OwnerKind.Kind;

    public MappingNode? Spec => Template.Spec;

    /// <summary>Jobs and CronJobs run to completion: probes, rollouts and Services mean little to them.</summary>
    public bool RunsToCompletion => OwnerKind is "Job" or "CronJob" ||
        (OwnerKind == "Pod" && Spec?.StringAt("restartPolicy") is "Never" or "OnFailure");

    public IEnumerable<WorkloadContainer> Containers(ContainerScope scope) =>
        Template.Containers.Select(c => new WorkloadContainer(this, c)).Where(c => (scope & c.Role) != 0);
}
