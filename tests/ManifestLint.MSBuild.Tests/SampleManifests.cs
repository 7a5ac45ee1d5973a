namespace ManifestLint.MSBuild.Tests;

/// <summary>
/// Manifests and configuration the task tests (in-process and end-to-end) lint. The Deployments are otherwise sound (a
/// memory limit; a readiness probe where a Service selects them), so each file has only the finding its test is about.
/// </summary>
internal static class SampleManifests
{
    /// <summary>The Service's named targetPort is declared by no container: ML1003 at line 30, columns 19-27.</summary>
    public const string TargetPortNotDeclared = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
                - name: web
                  image: web:1
                  readinessProbe: {tcpSocket: {port: http}}
                  resources: {limits: {memory: 128Mi}}
                  ports:
                    - name: http
                      containerPort: 8080
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector:
            app: web
          ports:
            - port: 80
              targetPort: web-http

        """;

    /// <summary>The Service selects app=wbe, a typo of the pods' app=web: ML1001 on the selector key, line 25, columns 3-11.</summary>
    public const string SelectorMatchesNoPods = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
                - name: web
                  image: web:1
                  resources: {limits: {memory: 128Mi}}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: api
        spec:
          ports:
            - port: 80
          selector:
            app: wbe

        """;

    /// <summary>A second Service whose ML1003 is suppressed in the source.</summary>
    public const string SuppressedTargetPort = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web-admin
        spec:
          selector:
            app: web
          ports:
            - port: 81
              targetPort: admin   # manifestlint-disable-line ML1003 -- the sidecar adds this port at run time

        """;

    /// <summary>An unrendered Helm template: ML9008, an info.</summary>
    public const string HelmTemplate = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-config

        """;

    /// <summary>ML1003 is an error by default; the project makes it a warning, the .NET way.</summary>
    public const string EditorConfig = """
        root = true

        [*.yaml]
        dotnet_diagnostic.ML1003.severity = warning

        """;

    /// <summary>A Deployment whose pods are app=web, for the Services below to come close to.</summary>
    public static string WebDeployment => TargetPortNotDeclared.Split("---")[0];

    /// <summary>A Service whose pods lack tier=<paramref name="name"/>: ML1001 (a near miss of the web pods) on the selector key, line 8, columns 3-11.</summary>
    public static string ServiceLackingTier(string name) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          ports:
            - port: 80
          selector:
            app: web
            tier: {name}

        """;

    public const string RepositoryConfig = """
        defaultNamespace: default

        """;

    public static void Write(string directory, string relativePath, string content)
    {
        var path = Path.Combine(directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
