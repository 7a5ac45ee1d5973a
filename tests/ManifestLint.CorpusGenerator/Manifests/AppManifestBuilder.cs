using System.Globalization;
using ManifestLint.CorpusGenerator.Emit;
using ManifestLint.CorpusGenerator.Model;

namespace ManifestLint.CorpusGenerator.Manifests;

/// <summary>
/// Builds the objects of one app. Everything one object references (labels, port names, ConfigMap and Secret keys,
/// Service ports, Deployment name) is declared by another object of the same app, so a clean app is clean under
/// cross-reference rules; the app's single fault, if any, swaps exactly one of those references for a wrong value and
/// marks its key.
/// </summary>
internal static class AppManifestBuilder
{
    public const int HttpPort = 8080;
    public const int MetricsPort = 9090;
    public const int ServiceHttpPort = 80;
    public const int SidecarAdminPort = 9901;

    public static IReadOnlyList<ManifestObject> Build(AppSpec app) =>
    [
        Deployment(app),
        Service(app),
        .. app.HasIngress ? [Ingress(app)] : Array.Empty<ManifestObject>(),
        NetworkPolicy(app),
        ConfigMap(app),
        Secret(app),
        Hpa(app),
        Pdb(app),
        ServiceAccount(app),
    ];

    private static ManifestObject Deployment(AppSpec app)
    {
        var spec = new Map();
        if (app.Has(FaultKind.HpaTargetMissing))
        {
            // Only a Deployment that no HPA scales declares replicas: setting both makes them fight on every apply (ML1402).
            spec.Add("replicas", app.Replicas);
        }

        spec
            .Add("selector", new Map().Add("matchLabels", new Map().Add("app", app.Name)))
            .Add("template", new Map()
                .Add("metadata", new Map()
                    .Add("labels", PodLabels(app))
                    .Add("annotations", new Map()
                        .Add("prometheus.io/scrape", "true")
                        .Add("prometheus.io/port", Invariant($"{MetricsPort}"))))
                .Add("spec", PodSpec(app)));
        return Object(app, "Deployment", "apps/v1", app.Name, "deployment", spec);
    }

    private static Map PodSpec(AppSpec app)
    {
        var containers = Seq.Of(AppContainer(app));
        containers.AddIf(app.HasSidecar, () => SidecarContainer());
        return new Map()
            .Add("serviceAccountName", app.Name)
            .Add("automountServiceAccountToken", false)
            .Add("securityContext", new Map()
                .Add("runAsNonRoot", true)
                .Add("runAsUser", 10001)
                .Add("fsGroup", 10001)
                .Add("seccompProfile", new Map().Add("type", "RuntimeDefault")))
            .Add("containers", containers)
            .Add("volumes", Volumes(app));
    }

    private static Map AppContainer(AppSpec app)
    {
        var readinessPort = app.ValueOr(FaultKind.ReadinessProbePortName, "http");
        var container = new Map()
            .Add("name", app.Component)
            .Add("image", app.Image)
            .Add("imagePullPolicy", "IfNotPresent")
            .Add("args", Seq.Of($"--config=/etc/{app.Name}/config.yaml"))
            .Add("ports", Seq.Of(
                ContainerPort("http", HttpPort),
                ContainerPort("metrics", MetricsPort)))
            .Add("env", Env(app))
            .Add("envFrom", Seq.Of(new Map().Add("secretRef", new Map().Add("name", app.SecretName))))
            .Add("readinessProbe", Probe(
                new Map().Add("path", "/ready").Add("port", readinessPort, mark: app.Has(FaultKind.ReadinessProbePortName)),
                initialDelay: 5, period: 10))
            .Add("livenessProbe", app.TcpLivenessProbe
                ? TcpProbe("http", initialDelay: 15, period: 20)
                : Probe(new Map().Add("path", "/healthz").Add("port", "http"), initialDelay: 15, period: 20))
            .AddIf(app.HasStartupProbe, "startupProbe", () => TcpProbe(HttpPort, initialDelay: 0, period: 5, failureThreshold: 30))
            .Add("resources", new Map()
                .Add("requests", new Map().Add("cpu", app.CpuRequest).Add("memory", app.MemoryRequest))
                .Add("limits", new Map().Add("cpu", app.CpuLimit).Add("memory", app.MemoryLimit)))
            .Add("securityContext", ContainerSecurityContext())
            .Add("volumeMounts", Seq.Of(
                Mount("config", $"/etc/{app.Name}", readOnly: true),
                Mount("secrets", "/etc/secrets", readOnly: true),
                Mount("bundle", "/var/run/bundle", readOnly: true),
                Mount("tmp", "/tmp", readOnly: false)));
        return container;
    }

    private static Seq Env(AppSpec app) => Seq.Of(
        new Map().Add("name", "LOG_LEVEL").Add("valueFrom", new Map().Add("configMapKeyRef", new Map()
            .Add("name", app.ConfigMapName)
            .Add("key", app.ValueOr(FaultKind.ConfigMapKeyMissing, "LOG_LEVEL"), mark: app.Has(FaultKind.ConfigMapKeyMissing)))),
        new Map().Add("name", "FEATURE_FLAGS").Add("valueFrom", new Map().Add("configMapKeyRef", new Map()
            .Add("name", app.ConfigMapName)
            .Add("key", "FEATURE_FLAGS"))),
        new Map().Add("name", "DB_PASSWORD").Add("valueFrom", new Map().Add("secretKeyRef", new Map()
            .Add("name", app.SecretName)
            .Add("key", app.ValueOr(FaultKind.SecretKeyMissing, "DB_PASSWORD"), mark: app.Has(FaultKind.SecretKeyMissing)))),
        new Map().Add("name", "POD_NAME").Add("valueFrom", new Map().Add("fieldRef", new Map().Add("fieldPath", "metadata.name"))));

    /// <summary>An Envoy-style sidecar with its own named port, so port-name lookups must consider every container.</summary>
    private static Map SidecarContainer() => new Map()
        .Add("name", "proxy")
        .Add("image", "registry.example.com/platform/envoy:1.31.2")
        .Add("args", Seq.Of("--config-path", "/etc/envoy/envoy.yaml"))
        .Add("ports", Seq.Of(ContainerPort("admin", SidecarAdminPort)))
        .Add("readinessProbe", Probe(new Map().Add("path", "/ready").Add("port", "admin"), initialDelay: 2, period: 10))
        .Add("resources", new Map()
            .Add("requests", new Map().Add("cpu", "50m").Add("memory", "64Mi"))
            .Add("limits", new Map().Add("cpu", "200m").Add("memory", "128Mi")))
        .Add("securityContext", ContainerSecurityContext());

    private static Seq Volumes(AppSpec app) => Seq.Of(
        new Map().Add("name", "config").Add("configMap", new Map()
            .Add("name", app.ConfigMapName)
            .Add("items", Seq.Of(new Map().Add("key", "config.yaml").Add("path", "config.yaml")))
            .Add("defaultMode", 288)),
        new Map().Add("name", "secrets").Add("secret", new Map()
            .Add("secretName", app.SecretName)
            .Add("defaultMode", 256)),
        new Map().Add("name", "bundle").Add("projected", new Map().Add("sources", Seq.Of(
            new Map().Add("serviceAccountToken", new Map()
                .Add("audience", "vault")
                .Add("expirationSeconds", 3600)
                .Add("path", "token")),
            new Map().Add("configMap", new Map()
                .Add("name", app.ConfigMapName)
                .Add("items", Seq.Of(new Map().Add("key", "FEATURE_FLAGS").Add("path", "feature-flags")))),
            new Map().Add("downwardAPI", new Map()
                .Add("items", Seq.Of(new Map().Add("path", "labels").Add("fieldRef", new Map().Add("fieldPath", "metadata.labels")))))))),
        new Map().Add("name", "tmp").Add("emptyDir", new Map().Add("sizeLimit", "64Mi")));

    private static ManifestObject Service(AppSpec app)
    {
        var selector = new Map()
            .Add("app", app.ValueOr(FaultKind.ServiceSelectorTypo, app.Name))
            .Add("tier", app.Tier);
        var spec = new Map()
            .Add("type", "ClusterIP")
            .Add("selector", selector, mark: app.Has(FaultKind.ServiceSelectorTypo))
            .Add("ports", Seq.Of(
                new Map().Add("name", "http").Add("port", ServiceHttpPort).Add("targetPort", "http").Add("protocol", "TCP"),
                new Map().Add("name", "metrics").Add("port", MetricsPort)
                    .Add("targetPort", app.ValueOr(FaultKind.ServiceTargetPortName, "metrics"), mark: app.Has(FaultKind.ServiceTargetPortName))
                    .Add("protocol", "TCP")));
        return Object(app, "Service", "v1", app.Name, "service", spec);
    }

    private static ManifestObject Ingress(AppSpec app)
    {
        var paths = Seq.Of(IngressPath(app, "/"));
        paths.AddIf(app.HasApiPath, () => IngressPath(app, "/api"));
        var spec = new Map()
            .Add("ingressClassName", "nginx")
            .Add("tls", Seq.Of(new Map().Add("hosts", Seq.Of(app.Host)).Add("secretName", NamespaceSpec.TlsSecretName)))
            .Add("rules", Seq.Of(new Map()
                .Add("host", app.Host)
                .Add("http", new Map().Add("paths", paths))));
        var annotations = new Map().Add("nginx.ingress.kubernetes.io/proxy-read-timeout", Invariant($"{app.TimeoutSeconds * 10}"));
        return Object(app, "Ingress", "networking.k8s.io/v1", app.Name, "ingress", spec, annotations: annotations);
    }

    private static Map IngressPath(AppSpec app, string path)
    {
        // Only the "/" path carries the fault: one fault, one diagnostic, one recorded line.
        var faulty = path == "/";
        var serviceName = faulty ? app.ValueOr(FaultKind.IngressServiceName, app.Name) : app.Name;
        var badPort = faulty && app.Has(FaultKind.IngressServicePort);
        var port = app.IngressPortByName && !badPort
            ? new Map().Add("name", "http")
            : new Map().Add("number", badPort ? int.Parse(app.FaultValue!, CultureInfo.InvariantCulture) : ServiceHttpPort, mark: badPort);
        return new Map()
            .Add("path", path)
            .Add("pathType", "Prefix")
            .Add("backend", new Map().Add("service", new Map()
                .Add("name", serviceName, mark: faulty && app.Has(FaultKind.IngressServiceName))
                .Add("port", port)));
    }

    private static ManifestObject NetworkPolicy(AppSpec app)
    {
        // Peers select labels the corpus really carries (part-of on every pod of the team, team on every Namespace),
        // so a rule that checks that selectors match something stays quiet.
        var spec = new Map()
            .Add("podSelector", new Map().Add("matchLabels", new Map().Add("app", app.Name)))
            .Add("policyTypes", Seq.Of("Ingress", "Egress"))
            .Add("ingress", Seq.Of(
                new Map()
                    .Add("from", Seq.Of(new Map().Add("podSelector", new Map().Add("matchLabels", new Map()
                        .Add("app.kubernetes.io/part-of", app.Namespace.Team)))))
                    .Add("ports", Seq.Of(new Map().Add("protocol", "TCP").Add("port", "http"))),
                new Map()
                    .Add("from", Seq.Of(new Map().Add("namespaceSelector", new Map().Add("matchLabels", new Map()
                        .Add("team", app.Namespace.Team)))))
                    .Add("ports", Seq.Of(new Map().Add("protocol", "TCP").Add("port", MetricsPort)))))
            .Add("egress", Seq.Of(
                new Map().Add("ports", Seq.Of(
                    new Map().Add("protocol", "UDP").Add("port", 53),
                    new Map().Add("protocol", "TCP").Add("port", 53)))));
        return Object(app, "NetworkPolicy", "networking.k8s.io/v1", app.Name, "networkpolicy", spec);
    }

    private static ManifestObject ConfigMap(AppSpec app)
    {
        var data = new Map()
            .Add("LOG_LEVEL", app.LogLevel)
            .Add("FEATURE_FLAGS", app.FeatureFlags)
            .Add("HTTP_PORT", Invariant($"{HttpPort}"))
            .Add("config.yaml", ConfigFile(app));
        return Object(app, "ConfigMap", "v1", app.ConfigMapName, "configmap", data, bodyKey: "data");
    }

    private static string ConfigFile(AppSpec app) => Invariant($"""
        server:
          port: {HttpPort}
          readTimeout: {app.TimeoutSeconds}s
        database:
          host: postgres.{app.NamespaceName}.svc
          pool: {app.PoolSize}
        cache:
          ttl: {app.CacheTtlSeconds}s
        logging:
          level: {app.LogLevel}
          format: json

        """);

    private static ManifestObject Secret(AppSpec app)
    {
        var data = new Map()
            .Add("DB_USER", app.DbUser)
            .Add("DB_PASSWORD", app.DbPassword)
            .Add("API_TOKEN", app.ApiToken);
        var secret = Object(app, "Secret", "v1", app.SecretName, "secret", data, bodyKey: "data");
        secret.Root.Add("type", "Opaque");
        return secret;
    }

    private static ManifestObject Hpa(AppSpec app)
    {
        var spec = new Map()
            .Add("scaleTargetRef", new Map()
                .Add("apiVersion", "apps/v1")
                .Add("kind", "Deployment")
                .Add("name", app.ValueOr(FaultKind.HpaTargetMissing, app.Name), mark: app.Has(FaultKind.HpaTargetMissing)))
            .Add("minReplicas", app.Replicas)
            .Add("maxReplicas", app.Replicas * 3)
            .Add("metrics", Seq.Of(new Map()
                .Add("type", "Resource")
                .Add("resource", new Map()
                    .Add("name", "cpu")
                    .Add("target", new Map().Add("type", "Utilization").Add("averageUtilization", 70)))))
            .Add("behavior", new Map().Add("scaleDown", new Map().Add("stabilizationWindowSeconds", 300)));
        return Object(app, "HorizontalPodAutoscaler", "autoscaling/v2", app.Name, "hpa", spec);
    }

    private static ManifestObject Pdb(AppSpec app)
    {
        // Replicas are at least 2, so minAvailable stays at least 1 and always leaves room for one voluntary eviction.
        var spec = new Map()
            .Add("minAvailable", app.Replicas - 1)
            .Add("selector", new Map().Add("matchLabels", new Map().Add("app", app.Name)));
        return Object(app, "PodDisruptionBudget", "policy/v1", app.Name, "pdb", spec);
    }

    private static ManifestObject ServiceAccount(AppSpec app)
    {
        var account = Object(app, "ServiceAccount", "v1", app.Name, "serviceaccount", body: null);
        account.Root.Add("automountServiceAccountToken", false);
        return account;
    }

    /// <summary>apiVersion, kind, metadata, then the body under "spec" or <paramref name="bodyKey"/>.</summary>
    private static ManifestObject Object(
        AppSpec app, string kind, string apiVersion, string name, string fileStem, Map? body, string bodyKey = "spec", Map? annotations = null)
    {
        var root = new Map()
            .Add("apiVersion", apiVersion)
            .Add("kind", kind)
            .Add("metadata", new Map()
                .Add("name", name)
                .Add("namespace", app.NamespaceName)
                .Add("labels", ObjectLabels(app))
                .AddIf(annotations is not null, "annotations", () => annotations!));
        if (body is not null)
        {
            root.Add(bodyKey, body);
        }

        return new ManifestObject(kind, name, fileStem, root);
    }

    /// <summary>A short label set on every object; the workload carries the full recommended set on its pods.</summary>
    private static Map ObjectLabels(AppSpec app)
    {
        var helm = app.Layout == AppLayout.HelmRendered;
        return new Map()
            .Add("app", app.Name)
            .Add("app.kubernetes.io/version", app.Version)
            .Add("app.kubernetes.io/managed-by", helm ? "Helm" : "kustomize")
            .AddIf(helm, "helm.sh/chart", () => Scalar.Of($"{app.Name}-{app.Version}"));
    }

    private static Map PodLabels(AppSpec app) => new Map()
        .Add("app", app.Name)
        .Add("tier", app.Tier)
        .Add("version", $"v{app.Version}")
        .Add("app.kubernetes.io/name", app.Name)
        .Add("app.kubernetes.io/instance", app.Name)
        .Add("app.kubernetes.io/version", app.Version)
        .Add("app.kubernetes.io/component", app.Tier)
        .Add("app.kubernetes.io/part-of", app.Namespace.Team);

    private static Map ContainerPort(string name, int port) =>
        new Map().Add("name", name).Add("containerPort", port).Add("protocol", "TCP");

    private static Map Probe(Map httpGet, int initialDelay, int period) => new Map()
        .Add("httpGet", httpGet)
        .Add("initialDelaySeconds", initialDelay)
        .Add("periodSeconds", period);

    private static Map TcpProbe(string port, int initialDelay, int period) => new Map()
        .Add("tcpSocket", new Map().Add("port", port))
        .Add("initialDelaySeconds", initialDelay)
        .Add("periodSeconds", period);

    private static Map TcpProbe(int port, int initialDelay, int period, int failureThreshold) => new Map()
        .Add("tcpSocket", new Map().Add("port", port))
        .Add("initialDelaySeconds", initialDelay)
        .Add("periodSeconds", period)
        .Add("failureThreshold", failureThreshold);

    private static Map ContainerSecurityContext() => new Map()
        .Add("allowPrivilegeEscalation", false)
        .Add("readOnlyRootFilesystem", true)
        .Add("capabilities", new Map().Add("drop", Seq.Of("ALL")));

    private static Map Mount(string name, string path, bool readOnly) => new Map()
        .Add("name", name)
        .Add("mountPath", path)
        .AddIf(readOnly, "readOnly", () => Scalar.Of(true));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
