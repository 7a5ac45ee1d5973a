using System.Globalization;
using System.Text;
using ManifestLint.Core.Loading;

namespace ManifestLint.Robustness.Tests.Support;

/// <summary>How many findings of each rule <see cref="PathologicalNamespace"/> plants.</summary>
public sealed record PlantedFaults(int SelectorTypos, int WorkloadSelectorMismatches, int TargetPortTypos);

/// <summary>
/// One namespace with thousands of apps side by side: the input that turns any per-object scan in a cross-resource rule
/// into quadratic work. Every app has a Deployment, Service, ConfigMap, Secret, Ingress, HPA, PodDisruptionBudget and
/// NetworkPolicy that refer to each other, all pods share the team/tier labels (so a rule that filters on a common label
/// gets a posting list as long as the namespace), a few catch-all Services select every pod, and every tenth app carries
/// a fault so that the rules' near-miss explanations run too. Shared by the robustness suite (work counted, never timed)
/// and the benchmark (rules time at n and 4n).
/// </summary>
public static class PathologicalNamespace
{
    public const string Namespace = "crowded";

    /// <summary>Services that select every pod of the namespace (a monitoring endpoint, say): legal, and linear as long as there are few.</summary>
    public const int CatchAllServices = 2;

    public static PlantedFaults Faults(int apps) => new(
        SelectorTypos: CountWhere(apps, 0),
        WorkloadSelectorMismatches: CountWhere(apps, 7),
        TargetPortTypos: CountWhere(apps, 5));

    /// <summary>The apps as in-memory files, one multi-document file per app, in the order a directory walk would give.</summary>
    public static IReadOnlyList<InputFile> Create(int apps)
    {
        var files = new List<InputFile>(apps + 1);
        var shared = new StringBuilder();
        AppendNamespace(shared);
        for (var c = 0; c < CatchAllServices; c++)
        {
            AppendCatchAllService(shared, c);
        }

        files.Add(InputFile.FromText($"{Namespace}/shared.yaml", shared.ToString()));
        for (var i = 0; i < apps; i++)
        {
            files.Add(InputFile.FromText(string.Create(CultureInfo.InvariantCulture, $"{Namespace}/app-{i:D5}.yaml"), App(i)));
        }

        return files;
    }

    private static int CountWhere(int apps, int remainder) => Enumerable.Range(0, apps).Count(i => i % 10 == remainder);

    private static void AppendNamespace(StringBuilder text) => text.Append(CultureInfo.InvariantCulture, $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {Namespace}

        """);

    private static void AppendCatchAllService(StringBuilder text, int index) => text.Append(CultureInfo.InvariantCulture, $"""
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: all-backends-{index}
          namespace: {Namespace}
        spec:
          selector:
            team: platform
            tier: backend
          ports:
            - name: metrics
              port: 9090
              targetPort: metrics

        """);

    private static string App(int i)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"app-{i:D5}");
        // Faults: a typo in the Service selector (ML1001 and its near-miss search), a workload selector that misses its
        // own template (ML1002), a targetPort name no container declares (ML1003), an Ingress to a missing Service.
        var selectedApp = i % 10 == 0 ? name.Replace("app-", "ap-", StringComparison.Ordinal) : name;
        var workloadSelector = i % 10 == 7 ? name + "-v2" : name;
        var targetPort = i % 10 == 5 ? "htpp" : "http";
        var ingressService = i % 10 == 3 ? name + "-old" : name;
        return $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {name}-config
              namespace: {Namespace}
            data:
              LOG_LEVEL: info
              FEATURE_FLAGS: "a,b,c"
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: {name}-secret
              namespace: {Namespace}
            type: Opaque
            stringData:
              DB_PASSWORD: not-a-real-password
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {name}
              namespace: {Namespace}
              labels:
                app: {name}
                team: platform
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: {workloadSelector}
              template:
                metadata:
                  labels:
                    app: {name}
                    team: platform
                    tier: backend
                spec:
                  containers:
                    - name: main
                      image: registry.example.com/{name}:1.0.{i}
                      ports:
                        - name: http
                          containerPort: 8080
                        - name: metrics
                          containerPort: 9090
                      envFrom:
                        - configMapRef:
                            name: {name}-config
                      env:
                        - name: DB_PASSWORD
                          valueFrom:
                            secretKeyRef:
                              name: {name}-secret
                              key: DB_PASSWORD
                      readinessProbe:
                        httpGet:
                          path: /healthz
                          port: http
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: {name}
              namespace: {Namespace}
            spec:
              selector:
                app: {selectedApp}
                tier: backend
              ports:
                - name: http
                  port: 80
                  targetPort: {targetPort}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: {name}
              namespace: {Namespace}
            spec:
              rules:
                - host: {name}.example.com
                  http:
                    paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: {ingressService}
                            port:
                              number: 80
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: {name}
              namespace: {Namespace}
            spec:
              scaleTargetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: {name}
              minReplicas: 2
              maxReplicas: 10
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: {name}
              namespace: {Namespace}
            spec:
              minAvailable: 1
              selector:
                matchLabels:
                  app: {name}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: {name}
              namespace: {Namespace}
            spec:
              podSelector:
                matchLabels:
                  app: {name}
              ingress:
                - from:
                    - podSelector:
                        matchLabels:
                          team: platform
                  ports:
                    - port: 8080

            """;
    }
}
