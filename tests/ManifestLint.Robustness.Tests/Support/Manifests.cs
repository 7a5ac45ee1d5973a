namespace ManifestLint.Robustness.Tests.Support;

/// <summary>Small manifests with known findings, to check that a hostile neighbour does not change them.</summary>
public static class Manifests
{
    /// <summary>
    /// The seed incident (its Deployment otherwise sound: a readiness probe and a memory limit): Service 'inference-api' selects tier=backend, which the pods lack (ML1001 at "selector:");
    /// Service 'inference-admin' sends port 81 to 9999, which no container declares (ML1003); its metrics port is
    /// suppressed with a trailing comment.
    /// </summary>
    public const string Incident = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: inference-api
          namespace: ml
        spec:
          selector:
            matchLabels:
              app: inference-api
          template:
            metadata:
              labels:
                app: inference-api
            spec:
              containers:
                - name: api
                  image: registry.example.com/inference-api:1.4.2
                  ports:
                    - name: http
                      containerPort: 8080
                  readinessProbe:
                    httpGet: {path: /ready, port: http}
                  resources:
                    limits: {memory: 512Mi}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: inference-api
          namespace: ml
        spec:
          selector:
            app: inference-api
            tier: backend
          ports:
            - name: http
              port: 80
              targetPort: http
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: inference-admin
          namespace: ml
        spec:
          selector: {app: inference-api}
          ports:
            - {name: admin, port: 81, targetPort: 9999}
            - {name: metrics, port: 9090, targetPort: 9090}   # manifestlint-disable-line ML1003 -- scraped through the sidecar
        """;

    /// <summary>Line of "selector:" in Service 'inference-api'.</summary>
    public static int IncidentSelectorLine { get; } = LineOf(Incident, "  selector:\n    app: inference-api\n    tier: backend");

    /// <summary>Line of the admin port, whose targetPort 9999 no container declares.</summary>
    public static int IncidentAdminPortLine { get; } = LineOf(Incident, "    - {name: admin");

    /// <summary>Line of the metrics port, whose finding a trailing comment suppresses.</summary>
    public static int IncidentMetricsPortLine { get; } = LineOf(Incident, "    - {name: metrics");

    /// <summary>1-based line where <paramref name="marker"/> starts in <paramref name="text"/>.</summary>
    public static int LineOf(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? throw new ArgumentException($"'{marker}' is not in the text", nameof(marker)) : text.AsSpan(0, at).Count('\n') + 1;
    }
}
