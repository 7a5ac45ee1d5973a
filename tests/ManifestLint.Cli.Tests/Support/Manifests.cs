namespace ManifestLint.Cli.Tests.Support;

/// <summary>
/// Small manifests the tests combine: a Deployment with app=web (with a readiness probe and a memory limit, so that only
/// the broken references the tests are about are reported), and Services that select it or miss it.
/// </summary>
public static class Manifests
{
    public const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: web:1, ports: [{name: http, containerPort: 8080}], readinessProbe: {tcpSocket: {port: http}}, resources: {limits: {memory: 128Mi}}}]

        """;

    /// <summary>A Service selecting app=<paramref name="app"/>: ML1001 fires unless it is "web".</summary>
    public static string Service(string name, string app, string targetPort = "http") => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: shop}
        spec:
          selector:
            app: {{app}}
          ports: [{port: 80, targetPort: {{targetPort}}}]

        """;
}
