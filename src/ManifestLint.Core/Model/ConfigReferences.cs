using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>How a pod refers to a ConfigMap or Secret.</summary>
public enum ConfigReferenceUse
{
    /// <summary><c>env[].valueFrom.configMapKeyRef</c> or <c>secretKeyRef</c>: one key.</summary>
    EnvValueFrom,

    /// <summary><c>envFrom[].configMapRef</c> or <c>secretRef</c>: every key.</summary>
    EnvFrom,

    /// <summary>A <c>configMap</c> or <c>secret</c> volume, optionally with <c>items</c>.</summary>
    Volume,

    /// <summary>A <c>projected.sources[]</c> entry, optionally with <c>items</c>.</summary>
    ProjectedVolume,

    /// <summary><c>imagePullSecrets[].name</c>.</summary>
    ImagePullSecret,
}

/// <summary>A key a reference needs the object to hold, and where it is written.</summary>
public sealed record ConfigKeyReference(string Key, ScalarNode Node);

/// <summary>
/// One place where a pod template names a ConfigMap or Secret. <see cref="Kind"/> is "ConfigMap" or "Secret";
/// <see cref="Keys"/> are the keys it needs (one for valueFrom, the <c>items</c> of a volume, none otherwise);
/// <see cref="Optional"/> is true when the pod starts without the object or key (<c>optional: true</c>).
/// <see cref="Where"/> says where it is written, for messages ("env DB_URL of container 'api'").
/// </summary>
public sealed record ConfigReference(
    string Kind,
    string Name,
    ScalarNode NameNode,
    IReadOnlyList<ConfigKeyReference> Keys,
    bool Optional,
    ConfigReferenceUse Use,
    string Where);

/// <summary>
/// Every ConfigMap and Secret reference of a pod template, from containers, init containers and ephemeral
/// containers, volumes (plain and projected) and image pull secrets. One walk, shared by every rule that
/// checks such references.
/// </summary>
public static class ConfigReferences
{
    public const string ConfigMap = "ConfigMap";
    public const string Secret = "Secret";

    private static readonly string[] ContainerLists = ["containers", "initContainers", "ephemeralContainers"];

    /// <summary>Annotations and labels that make a controller write keys into an object declared without them.</summary>
    private static readonly string[] KeyInjectionMarkers =
    [
        "service.beta.openshift.io/inject-cabundle",
        "config.openshift.io/inject-trusted-cabundle",
        "reflector.v1.k8s.emberstack.com/reflects",
        "replicator.v1.mittwald.de/replicate-from",
    ];

    public static IReadOnlyList<ConfigReference> Of(PodTemplate template)
    {
        var result = new List<ConfigReference>();
        if (template.Spec is not { } spec)
        {
            return result;
        }

        foreach (var list in ContainerLists)
        {
            foreach (var container in spec.SequenceAt(list)?.Mappings() ?? [])
            {
                var containerName = container.StringAt("name") ?? "?";
                ReadEnv(container, containerName, result);
                ReadEnvFrom(container, containerName, result);
            }
        }

        foreach (var volume in spec.SequenceAt("volumes")?.Mappings() ?? [])
        {
            ReadVolume(volume, result);
        }

        foreach (var pullSecret in spec.SequenceAt("imagePullSecrets")?.Mappings() ?? [])
        {
            // imagePullSecrets has no optional flag: the kubelet pulls without a missing secret, which fails for private images.
            AddNamed(result, Secret, pullSecret, "name", [], optional: false, ConfigReferenceUse.ImagePullSecret, "imagePullSecrets");
        }

        return result;
    }

    /// <summary>
    /// The keys an object of the input declares: <c>data</c> and <c>binaryData</c> of a ConfigMap, <c>data</c>
    /// and <c>stringData</c> of a Secret. Null when they cannot be known from the manifest: the object declares
    /// no key at all (a placeholder that something fills in), it is a service account token Secret (the token
    /// controller writes its keys), or it carries a marker that makes a controller inject or copy its keys.
    /// </summary>
    public static IReadOnlySet<string>? DeclaredKeys(Resource resource)
    {
        var fields = resource.Kind switch
        {
            ConfigMap => new[] { "data", "binaryData" },
            Secret => ["data", "stringData"],
            _ => null,
        };
        if (fields is null || resource.Root.StringAt("type") == "kubernetes.io/service-account-token")
        {
            return null;
        }

        if (KeyInjectionMarkers.Any(m => resource.Annotations.ContainsKey(m) || resource.Labels.ContainsKey(m)))
        {
            return null;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            foreach (var entry in resource.Root.MappingAt(field)?.Entries ?? [])
            {
                keys.Add(entry.Key.Value);
            }
        }

        return keys.Count == 0 ? null : keys;
    }

    private static void ReadEnv(MappingNode container, string containerName, List<ConfigReference> result)
    {
        foreach (var env in container.SequenceAt("env")?.Mappings() ?? [])
        {
            var where = $"env {env.StringAt("name") ?? "?"} of container '{containerName}'";
            foreach (var (field, kind) in new[] { ("configMapKeyRef", ConfigMap), ("secretKeyRef", Secret) })
            {
                if (env.MappingAt("valueFrom", field) is { } keyRef)
                {
                    var keys = keyRef.ScalarAt("key") is { IsNull: false } key ? new[] { new ConfigKeyReference(key.Value, key) } : [];
                    AddNamed(result, kind, keyRef, "name", keys, IsOptional(keyRef), ConfigReferenceUse.EnvValueFrom, where);
                }
            }
        }
    }

    private static void ReadEnvFrom(MappingNode container, string containerName, List<ConfigReference> result)
    {
        foreach (var source in container.SequenceAt("envFrom")?.Mappings() ?? [])
        {
            foreach (var (field, kind) in new[] { ("configMapRef", ConfigMap), ("secretRef", Secret) })
            {
                if (source.MappingAt(field) is { } reference)
                {
                    AddNamed(result, kind, reference, "name", [], IsOptional(reference), ConfigReferenceUse.EnvFrom, $"envFrom of container '{containerName}'");
                }
            }
        }
    }

    private static void ReadVolume(MappingNode volume, List<ConfigReference> result)
    {
        var volumeName = volume.StringAt("name") ?? "?";
        if (volume.MappingAt("configMap") is { } configMap)
        {
            AddNamed(result, ConfigMap, configMap, "name", Items(configMap), IsOptional(configMap), ConfigReferenceUse.Volume, $"volume '{volumeName}'");
        }

        if (volume.MappingAt("secret") is { } secret)
        {
            AddNamed(result, Secret, secret, "secretName", Items(secret), IsOptional(secret), ConfigReferenceUse.Volume, $"volume '{volumeName}'");
        }

        foreach (var source in volume.SequenceAt("projected", "sources")?.Mappings() ?? [])
        {
            foreach (var (field, kind) in new[] { ("configMap", ConfigMap), ("secret", Secret) })
            {
                if (source.MappingAt(field) is { } projected)
                {
                    AddNamed(result, kind, projected, "name", Items(projected), IsOptional(projected), ConfigReferenceUse.ProjectedVolume, $"projected volume '{volumeName}'");
                }
            }
        }
    }

    private static ConfigKeyReference[] Items(MappingNode source) =>
        [.. (source.SequenceAt("items")?.Mappings() ?? [])
            .Select(item => item.ScalarAt("key"))
            .OfType<ScalarNode>()
            .Where(key => !key.IsNull)
            .Select(key => new ConfigKeyReference(key.Value, key))];

    /// <summary>Only an explicit <c>optional: false</c> or no flag makes the reference required; anything else is treated as optional.</summary>
    private static bool IsOptional(MappingNode reference) =>
        reference.ScalarAt("optional") is { IsNull: false } flag && flag.AsBoolean() != false;

    private static void AddNamed(
        List<ConfigReference> result,
        string kind,
        MappingNode reference,
        string nameField,
        IReadOnlyList<ConfigKeyReference> keys,
        bool optional,
        ConfigReferenceUse use,
        string where)
    {
        // A reference without a name is rejected by the API server's validation; there is nothing to look up.
        if (reference.ScalarAt(nameField) is { IsNull: false, Value.Length: > 0 } name)
        {
            result.Add(new ConfigReference(kind, name.Value, name, keys, optional, use, where));
        }
    }
}
