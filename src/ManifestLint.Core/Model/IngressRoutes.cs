using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>
/// A backend that sends traffic to a Service: <c>service.name</c> with <c>service.port.number</c> or
/// <c>service.port.name</c> (networking.k8s.io/v1), or <c>serviceName</c>/<c>servicePort</c> (the v1beta1 APIs).
/// </summary>
public sealed record IngressServiceBackend(MappingNode Node, string ServiceName, ScalarNode NameNode, int? PortNumber, string? PortName, ScalarNode? PortNode)
{
    public string PortText => PortNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (PortName is null ? "(none)" : $"'{PortName}'");
}

/// <summary>One <c>spec.rules[].http.paths[]</c> entry. <see cref="Host"/> is "" for a rule without host (every host).</summary>
public sealed record IngressPath(string Host, string? Path, string PathType, MappingNode Node, IngressServiceBackend? Backend)
{
    /// <summary>
    /// The path as a route key: Prefix matching ignores a trailing slash (<c>/foo</c> and <c>/foo/</c> are the same
    /// route), Exact and ImplementationSpecific paths are taken as written.
    /// </summary>
    public string NormalizedPath
    {
        get
        {
            if (Path is null || PathType != "Prefix")
            {
                return Path ?? "";
            }

            var trimmed = Path.TrimEnd('/');
            return trimmed.Length == 0 ? "/" : trimmed;
        }
    }

    /// <summary>Where a finding about the route belongs: the path value, else the entry.</summary>
    public ManifestNode PathNode => (ManifestNode?)Node.ScalarAt("path") ?? Node;
}

/// <summary>Reads the routes of an Ingress (networking.k8s.io/v1 and v1beta1, extensions/v1beta1).</summary>
public static class IngressRoutes
{
    public const string ClassAnnotation = "kubernetes.io/ingress.class";

    public static bool IsIngress(Resource resource) =>
        resource.Kind == "Ingress" && resource.Group is "networking.k8s.io" or "extensions" && resource.Namespace is not null;

    /// <summary>Every backend that names a Service: each path's and the default backend. Resource backends are not Services.</summary>
    public static IEnumerable<IngressServiceBackend> ServiceBackends(Resource ingress)
    {
        var spec = ingress.Spec;
        if (spec is null)
        {
            yield break;
        }

        // v1 calls it defaultBackend; the v1beta1 APIs called it backend.
        foreach (var key in new[] { "defaultBackend", "backend" })
        {
            if (spec.MappingAt(key) is { } fallback && ReadBackend(fallback) is { } backend)
            {
                yield return backend;
            }
        }

        foreach (var path in Paths(ingress))
        {
            if (path.Backend is { } backend)
            {
                yield return backend;
            }
        }
    }

    public static IEnumerable<IngressPath> Paths(Resource ingress)
    {
        foreach (var rule in ingress.Spec?.SequenceAt("rules")?.Mappings() ?? [])
        {
            var host = (rule.StringAt("host") ?? "").ToLowerInvariant();
            foreach (var path in rule.SequenceAt("http", "paths")?.Mappings() ?? [])
            {
                var backend = path.MappingAt("backend") is { } b ? ReadBackend(b) : null;
                yield return new IngressPath(host, path.StringAt("path"), path.StringAt("pathType") ?? "ImplementationSpecific", path, backend);
            }
        }
    }

    /// <summary>The class the Ingress asks for: <c>spec.ingressClassName</c>, else the legacy annotation; null when neither.</summary>
    public static string? RequestedClass(Resource ingress) =>
        ingress.Spec?.StringAt("ingressClassName") is { Length: > 0 } name ? name
        : ingress.Annotations.TryGetValue(ClassAnnotation, out var annotated) && annotated.Length > 0 ? annotated
        : null;

    private static IngressServiceBackend? ReadBackend(MappingNode backend)
    {
        if (backend.MappingAt("service") is { } service)
        {
            if (service.ScalarAt("name") is not { IsNull: false } name)
            {
                return null;
            }

            var numberNode = service.ScalarAt("port", "number");
            var nameNode = service.ScalarAt("port", "name");
            int? number = numberNode is not null && numberNode.TryGetInt32(out var n) ? n : null;
            return new IngressServiceBackend(backend, name.Value, name, number, number is null ? nameNode?.Value : null, number is null ? nameNode : numberNode);
        }

        if (backend.ScalarAt("serviceName") is { IsNull: false } legacyName)
        {
            var port = backend.ScalarAt("servicePort");
            int? number = port is not null && port.TryGetInt32(out var n) ? n : null;
            var portName = number is null && port is { IsNull: false } && port.Value.Any(char.IsLetter) ? port.Value : null;
            return new IngressServiceBackend(backend, legacyName.Value, legacyName, number, portName, port);
        }

        return null;
    }
}
