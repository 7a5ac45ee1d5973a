using System.Text.Json.Nodes;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Schema;
using ManifestLint.SchemaGenerator;
using ManifestLint.TestSupport;
using ManifestLint.TestSupport.Reference;

namespace ManifestLint.Rules.Tests.Schema;

/// <summary>The generated schema document: complete, current, and strict where Kubernetes is strict, open where it is not.</summary>
[TestClass]
public sealed class SchemaGeneratorTests
{
    private static string KubernetesApi => TestPaths.InShared("kubernetes-api");

    [TestMethod]
    public void The_embedded_schema_is_what_the_generator_writes_now()
    {
        var generated = KubernetesSchemaGenerator.Generate(KubernetesApi);
        Assert.AreEqual(generated.Json, BuiltInSchemas.ReadEmbeddedJson(),
            "stale: dotnet run --project tests/ManifestLint.SchemaGenerator -- ../shared/kubernetes-api src/ManifestLint.Core/Schema");
    }

    [TestMethod]
    public void The_embedded_Gateway_API_CRDs_are_the_bundled_ones()
    {
        using var stream = typeof(CustomResourceSchemas).Assembly.GetManifestResourceStream(CustomResourceSchemas.GatewayApiResourceName)!;
        using var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        Assert.AreEqual(KubernetesSchemaGenerator.BundleGatewayApiCrds(KubernetesApi), new StreamReader(gzip).ReadToEnd(),
            "stale: dotnet run --project tests/ManifestLint.SchemaGenerator -- ../shared/kubernetes-api src/ManifestLint.Core/Schema");
    }

    [TestMethod]
    public void Every_group_version_kind_of_the_1_35_documents_has_a_schema()
    {
        var missing = new List<string>();
        var count = 0;
        foreach (var document in Directory.GetFiles(Path.Combine(KubernetesApi, "openapi-v3", "1.35"), "*.json", SearchOption.AllDirectories))
        {
            foreach (var (_, schema) in JsonNode.Parse(File.ReadAllText(document))!["components"]!["schemas"]!.AsObject())
            {
                foreach (var gvk in schema!["x-kubernetes-group-version-kind"]?.AsArray() ?? [])
                {
                    var group = (string)gvk!["group"]!;
                    var apiVersion = group.Length == 0 ? (string)gvk["version"]! : $"{group}/{gvk["version"]}";
                    count++;
                    if (BuiltInSchemas.Instance.Find(apiVersion, (string)gvk["kind"]!) is null)
                    {
                        missing.Add($"{apiVersion} {gvk["kind"]}");
                    }
                }
            }
        }

        Assert.IsGreaterThan(300, count);
        Assert.IsEmpty(missing, string.Join(", ", missing));
    }

    [TestMethod]
    public void The_kinds_new_in_1_36_have_a_schema()
    {
        Assert.IsNotNull(BuiltInSchemas.Instance.Find("admissionregistration.k8s.io/v1", "MutatingAdmissionPolicy"));
        Assert.IsNotNull(BuiltInSchemas.Instance.Find("resource.k8s.io/v1beta2", "DeviceTaintRule"));
    }

    [TestMethod]
    public void A_valid_example_of_each_common_kind_passes()
    {
        var objects = Load(ValidExamples);
        Assert.IsGreaterThan(20, objects.Count);
        foreach (var (root, kind) in objects)
        {
            Assert.IsEmpty(SchemaValidator.Validate(root, kind), $"{kind.Kind}: {string.Join("; ", SchemaValidator.Validate(root, kind))}");
            Assert.IsEmpty(ReferenceSchemaValidator.Validate(root, kind), $"{kind.Kind} (JsonSchema.Net): {string.Join("; ", ReferenceSchemaValidator.Validate(root, kind))}");
        }
    }

    [TestMethod]
    [DataRow("spec:\n  ports:\n    - {port: 80, targetPort: 8080}\n", DisplayName = "int-or-string takes a number")]
    [DataRow("spec:\n  ports:\n    - {port: 80, targetPort: http}\n", DisplayName = "int-or-string takes a name")]
    [DataRow("spec:\n  ports:\n    - {port: 80, targetPort: \"8080\"}\n", DisplayName = "int-or-string takes quoted digits (ML1003 judges them)")]
    public void Service_accepts(string spec) => AssertVerdict("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n" + spec, []);

    [TestMethod]
    public void An_unknown_field_is_rejected_with_its_place() =>
        AssertVerdict("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n    - {port: 80, tragetPort: 8080}\n",
            [new ReferenceViolation(SchemaViolationKind.UnknownField, "/spec/ports/0/tragetPort")]);

    [TestMethod]
    public void A_port_number_must_be_an_integer() =>
        AssertVerdict("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n    - {port: http}\n",
            [new ReferenceViolation(SchemaViolationKind.WrongType, "/spec/ports/0/port")]);

    [TestMethod]
    public void Quantities_take_numbers_and_strings() =>
        AssertVerdict("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      resources: {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 0.5, memory: \"512Mi\"}}\n", []);

    [TestMethod]
    public void Preserve_unknown_fields_and_untyped_holders_stay_open() =>
        AssertVerdict("""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {kind: Widget, plural: widgets}
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      x-kubernetes-preserve-unknown-fields: true
                      properties:
                        spec:
                          type: object
                          default: {anything: [1, {nested: true}]}
                          example: whatever
            """, []);

    [TestMethod]
    public void Embedded_raw_extensions_stay_open() =>
        AssertVerdict("""
            apiVersion: apps/v1
            kind: ControllerRevision
            metadata: {name: r}
            revision: 1
            data: {anything: {goes: [here]}}
            """, []);

    [TestMethod]
    public void Enums_are_the_derived_ones() =>
        AssertVerdict("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: Loadbalancer\n  externalTrafficPolicy: Local\n",
            [new ReferenceViolation(SchemaViolationKind.NotInEnum, "/spec/type")]);

    private static void AssertVerdict(string yaml, ReferenceViolation[] expected)
    {
        var (root, kind) = Load(yaml).Single();
        var walk = SchemaValidator.Validate(root, kind).Select(v => new ReferenceViolation(v.Kind, v.Pointer)).ToList();
        CollectionAssert.AreEqual(expected, walk, $"walk: {string.Join(", ", walk)}");
        CollectionAssert.AreEqual(expected, ReferenceSchemaValidator.Validate(root, kind).ToList(), "JsonSchema.Net");
    }

    private static List<(Core.Yaml.MappingNode Root, KindSchemaInfo Kind)> Load(string yaml) =>
        [.. ManifestLoader.Load(InputFile.FromText("example.yaml", yaml), new LoadOptions()).Objects
            .Select(o => (o.Root, BuiltInSchemas.Instance.Find(o.ApiVersion, o.Kind)!))];

    private const string ValidExamples = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: a}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: shop}
        data: {LOG_LEVEL: info}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: db}
        type: Opaque
        stringData: {password: x}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: api}
        automountServiceAccountToken: false
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, annotations: {a: b}}
        spec:
          replicas: 2
          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}}
          selector: {matchLabels: {app: api}, matchExpressions: [{key: tier, operator: In, values: [web]}]}
          template:
            metadata: {labels: {app: api, tier: web}}
            spec:
              serviceAccountName: api
              securityContext: {runAsNonRoot: true, fsGroup: 1000}
              containers:
                - name: api
                  image: api:1
                  imagePullPolicy: IfNotPresent
                  args: [--port, "8080"]
                  ports: [{name: http, containerPort: 8080, protocol: TCP}]
                  env:
                    - {name: A, value: "1"}
                    - name: B
                      valueFrom: {configMapKeyRef: {name: settings, key: LOG_LEVEL}}
                  envFrom: [{secretRef: {name: db}}]
                  resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 1, memory: 1Gi}}
                  readinessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 5}
                  livenessProbe: {tcpSocket: {port: 8080}}
                  volumeMounts: [{name: data, mountPath: /data}]
              volumes:
                - name: data
                  persistentVolumeClaim: {claimName: data}
              tolerations: [{key: k, operator: Exists, effect: NoSchedule}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api}
        spec:
          type: ClusterIP
          selector: {app: api}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Gi}}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: postgres:16}]
          volumeClaimTemplates:
            - metadata: {name: pgdata}
              spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              hostNetwork: true
              containers: [{name: agent, image: agent:1}]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate}
        spec:
          backoffLimit: 2
          template:
            spec:
              restartPolicy: Never
              containers: [{name: migrate, image: api:1, command: [./migrate]}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 2 * * *"
          concurrencyPolicy: Forbid
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: nightly, image: api:1}]
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: api}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
          minReplicas: 2
          maxReplicas: 10
          metrics:
            - type: Resource
              resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: api}
        spec:
          minAvailable: 1
          selector: {matchLabels: {app: api}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web}
        spec:
          ingressClassName: nginx
          tls: [{hosts: [shop.example.com], secretName: tls}]
          rules:
            - host: shop.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend: {service: {name: api, port: {name: http}}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: api}
        spec:
          podSelector: {matchLabels: {app: api}}
          policyTypes: [Ingress, Egress]
          ingress:
            - from: [{podSelector: {matchLabels: {app: web}}}, {ipBlock: {cidr: 10.0.0.0/8}}]
              ports: [{protocol: TCP, port: 8080}, {port: http}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: reader}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: reader}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
        subjects: [{kind: ServiceAccount, name: api, namespace: shop}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: viewer}
        aggregationRule: {clusterRoleSelectors: [{matchLabels: {view: "true"}}]}
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: fast}
        provisioner: ebs.csi.aws.com
        parameters: {type: gp3}
        reclaimPolicy: Retain
        volumeBindingMode: WaitForFirstConsumer
        allowVolumeExpansion: true
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: debug, creationTimestamp: null}
        spec:
          containers: [{name: debug, image: busybox, stdin: true, tty: true}]
          restartPolicy: Always
        status: {}
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: high}
        value: 1000000
        globalDefault: false
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingWebhookConfiguration
        metadata: {name: hook}
        webhooks:
          - name: hook.example.com
            admissionReviewVersions: [v1]
            sideEffects: None
            failurePolicy: Fail
            clientConfig: {service: {name: hook, namespace: shop, path: /validate}}
            rules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}]
        """;
}
