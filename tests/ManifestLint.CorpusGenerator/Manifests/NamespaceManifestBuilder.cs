using ManifestLint.CorpusGenerator.Emit;
using ManifestLint.CorpusGenerator.Model;

namespace ManifestLint.CorpusGenerator.Manifests;

/// <summary>Per-namespace objects: the Namespace itself and the wildcard TLS Secret every Ingress in it refers to.</summary>
internal static class NamespaceManifestBuilder
{
    public static ManifestObject Namespace(NamespaceSpec ns)
    {
        var root = new Map()
            .Add("apiVersion", "v1")
            .Add("kind", "Namespace")
            .Add("metadata", new Map()
                .Add("name", ns.Name)
                .Add("labels", new Map()
                    .Add("kubernetes.io/metadata.name", ns.Name)
                    .Add("team", ns.Team)
                    .Add("environment", ns.Environment)
                    .Add("pod-security.kubernetes.io/enforce", "restricted"))
                .Add("annotations", new Map()
                    .Add("owner", $"{ns.Team}@example.com")));
        return new ManifestObject("Namespace", ns.Name, "namespace", root);
    }

    public static ManifestObject TlsSecret(NamespaceSpec ns, string certificate, string key)
    {
        var root = new Map()
            .Add("apiVersion", "v1")
            .Add("kind", "Secret")
            .Add("metadata", new Map()
                .Add("name", NamespaceSpec.TlsSecretName)
                .Add("namespace", ns.Name)
                .Add("labels", new Map().Add("app.kubernetes.io/part-of", ns.Team))
                .Add("annotations", new Map().Add("cert-manager.io/common-name", $"*.{ns.Domain}")))
            .Add("type", "kubernetes.io/tls")
            .Add("data", new Map()
                .Add("tls.crt", certificate)
                .Add("tls.key", key));
        return new ManifestObject("Secret", NamespaceSpec.TlsSecretName, "wildcard-tls", root);
    }
}
