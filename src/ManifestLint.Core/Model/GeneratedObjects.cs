using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

/// <summary>An object that another object of the input makes the cluster create (cert-manager writes a Secret).</summary>
public sealed record GeneratedObject(string Kind, string Namespace, string Name, Resource Generator);

/// <summary>
/// Well-known controllers that create objects from custom resources, so that references to what they create
/// are not reported as missing: cert-manager Certificates, External Secrets, Bitnami Sealed Secrets, and
/// the Secret a kubernetes.io/service-account-token Secret's controller fills in is the Secret itself.
/// </summary>
public static class GeneratedObjects
{
    public static IEnumerable<GeneratedObject> From(Resource resource)
    {
        if (resource.Namespace is not { } ns)
        {
            yield break;
        }

        switch (resource.Group, resource.Kind)
        {
            case ("cert-manager.io", "Certificate"):
                if (resource.Root.StringAt("spec", "secretName") is { } certificateSecret)
                {
                    yield return new GeneratedObject("Secret", ns, certificateSecret, resource);
                }

                break;
            case ("external-secrets.io", "ExternalSecret"):
                var target = resource.Root.StringAt("spec", "target", "name") ?? resource.Name;
                yield return new GeneratedObject("Secret", ns, target, resource);
                break;
            case ("bitnami.com", "SealedSecret"):
                var sealedName = resource.Root.StringAt("spec", "template", "metadata", "name") ?? resource.Name;
                yield return new GeneratedObject("Secret", ns, sealedName, resource);
                break;
        }
    }
}
