using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>
/// The port of one probe handler: <c>httpGet.port</c>, <c>tcpSocket.port</c> (a number or a container port name)
/// or <c>grpc.port</c> (a number only). <see cref="HasHost"/> when the probe targets another host than the pod.
/// </summary>
public sealed record ProbePort(Container Container, string Probe, string Handler, ScalarNode PortNode, int? Number, string? Name, bool HasHost)
{
    public override string ToString() => $"{Probe}.{Handler}.port";
}

/// <summary>The probes of a pod template, where the kubelet runs them.</summary>
public static class ContainerProbes
{
    private static readonly string[] ProbeKeys = ["livenessProbe", "readinessProbe", "startupProbe"];

    /// <summary>
    /// Every probe port of containers that can have probes: regular containers and native sidecars (init
    /// containers with restartPolicy Always); the API rejects probes on other init containers. A port written as
    /// quoted digits is neither a number nor a valid name (the API rejects it) and is skipped.
    /// </summary>
    public static IEnumerable<ProbePort> PortsOf(PodTemplate pod)
    {
        foreach (var container in pod.Containers.Where(c => c.ServesTraffic))
        {
            foreach (var probeKey in ProbeKeys)
            {
                if (container.Node.MappingAt(probeKey) is not { } probe)
                {
                    continue;
                }

                foreach (var handler in new[] { "httpGet", "tcpSocket", "grpc" })
                {
                    if (probe.MappingAt(handler) is not { } action || action.ScalarAt("port") is not { IsNull: false } port)
                    {
                        continue;
                    }

                    var hasHost = action.StringAt("host") is { Length: > 0 };
                    if (port.TryGetInt32(out var number))
                    {
                        yield return new ProbePort(container, probeKey, handler, port, number, null, hasHost);
                    }
                    else if (handler != "grpc" && port.Value.Any(char.IsLetter))
                    {
                        yield return new ProbePort(container, probeKey, handler, port, null, port.Value, hasHost);
                    }
                }
            }
        }
    }
}
