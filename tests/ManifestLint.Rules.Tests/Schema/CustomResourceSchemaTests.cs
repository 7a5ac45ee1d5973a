using System.Text;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Schema;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.Tests.Schema;

/// <summary>Custom resources against their CRD: what is open, and how hostile definitions and resources are bounded.</summary>
[TestClass]
public sealed class CustomResourceSchemaTests
{
    [TestMethod]
    public void Every_bundled_Gateway_API_kind_has_a_schema_for_its_served_versions()
    {
        var kinds = CustomResourceSchemas.Bundled.Select(s => $"{s.ApiVersion} {s.Kind}").ToList();
        foreach (var expected in new[]
        {
            "gateway.networking.k8s.io/v1 GatewayClass", "gateway.networking.k8s.io/v1 Gateway", "gateway.networking.k8s.io/v1 HTTPRoute",
            "gateway.networking.k8s.io/v1 GRPCRoute", "gateway.networking.k8s.io/v1 ReferenceGrant", "gateway.networking.k8s.io/v1beta1 ReferenceGrant",
            "gateway.networking.k8s.io/v1 BackendTLSPolicy", "gateway.networking.k8s.io/v1 TLSRoute", "gateway.networking.k8s.io/v1 ListenerSet",
        })
        {
            CollectionAssert.Contains(kinds, expected);
        }
    }

    [TestMethod]
    public void A_recursive_schema_nested_beyond_the_bound_stays_open_below_it()
    {
        var nested = new StringBuilder("{type: object, properties: {leaf: {type: string}}}");
        for (var i = 0; i < 60; i++)
        {
            nested.Insert(0, "{type: object, properties: {next: ").Append("}}");
        }

        var schema = Crd($"spec: {nested}").Single();
        var deepValue = string.Concat(Enumerable.Repeat("{next: ", 60)) + "{leaf: 1, unknown: 2}" + new string('}', 60);
        Assert.IsEmpty(schema.Validate(Cr($"spec: {deepValue}")), "beyond the depth bound nothing is judged");
        Assert.AreEqual(SchemaViolationKind.UnknownField, schema.Validate(Cr("spec: {next: {next: {bogus: 1}}}")).Single().Kind);
    }

    [TestMethod]
    public void A_huge_enum_is_dropped_rather_than_carried()
    {
        var values = string.Join(", ", Enumerable.Range(0, CustomResourceSchema.MaxEnumValues + 1).Select(i => $"v{i}"));
        var schema = Crd($"spec: {{type: object, properties: {{mode: {{type: string, enum: [{values}]}}}}}}").Single();
        Assert.IsEmpty(schema.Validate(Cr("spec: {mode: anything}")));
        Assert.DoesNotContain("\"enum\"", schema.ConvertedJson);
    }

    [TestMethod]
    public void A_catastrophic_pattern_is_time_boxed_and_decides_nothing()
    {
        var schema = Crd("spec: {type: object, properties: {name: {type: string, pattern: '^(a+)+$'}}}").Single();
        Assert.IsEmpty(schema.Validate(Cr($"spec: {{name: {new string('a', 40)}!}}")), "a match that times out reports nothing");
        Assert.AreEqual(SchemaViolationKind.ConstraintViolated, schema.Validate(Cr("spec: {name: b}")).Single().Kind);
    }

    [TestMethod]
    public void A_pattern_that_does_not_compile_is_dropped()
    {
        var schema = Crd("spec: {type: object, properties: {name: {type: string, pattern: '(unclosed'}}}").Single();
        Assert.IsEmpty(schema.Validate(Cr("spec: {name: anything}")));
    }

    [TestMethod]
    public void A_resource_over_the_node_bound_is_not_evaluated()
    {
        var schema = Crd("spec: {type: object, properties: {items: {type: array, items: {type: integer}}}}").Single();
        var items = string.Join("\n", Enumerable.Repeat("    - x", CustomResourceSchema.MaxInstanceNodes + 1));
        var huge = Cr($"spec:\n  items:\n{items}");
        Assert.IsEmpty(schema.Validate(huge), "a 10 MB resource is not copied whole into JSON");
        Assert.AreEqual(SchemaViolationKind.WrongType, schema.Validate(Cr("spec: {items: [x]}")).Single().Kind);
    }

    [TestMethod]
    public void A_schema_the_evaluator_refuses_validates_nothing_rather_than_stopping_the_run() =>
        Assert.IsEmpty(Crd("spec: {type: \"obj]ect\"}"), "found by the pipeline fuzzer: a type that is not one stopped the run");

    [TestMethod]
    public void Unserved_versions_have_no_schema() =>
        Assert.IsEmpty(CustomResourceSchema.FromDefinition(Root("""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              scope: Namespaced
              versions: [{name: v1, served: false, storage: true, schema: {openAPIV3Schema: {type: object}}}]
            """)));

    [TestMethod]
    [DataRow("", DisplayName = "preserveUnknownFields defaults to true")]
    [DataRow("  preserveUnknownFields: true\n", DisplayName = "preserveUnknownFields: true")]
    public void A_v1beta1_CRD_checks_values_for_every_version_but_keeps_unknown_fields(string preserve)
    {
        var schemas = CustomResourceSchema.FromDefinition(Root(V1Beta1(preserve))).ToList();

        Assert.AreEqual("example.com/v1alpha1,example.com/v1beta1", string.Join(",", schemas.Select(s => s.ApiVersion)), "spec.validation serves every version");
        foreach (var schema in schemas)
        {
            var violations = schema.Validate(Cr("spec: {mode: turbo, extra: kept}"));
            Assert.AreEqual(SchemaViolationKind.NotInEnum, violations.Single().Kind, "the API server keeps unknown fields of such a CRD");
        }
    }

    [TestMethod]
    public void A_v1beta1_CRD_that_does_not_preserve_unknown_fields_rejects_them()
    {
        var schema = CustomResourceSchema.FromDefinition(Root(V1Beta1("  preserveUnknownFields: false\n"))).First();

        Assert.AreEqual("extra", schema.Validate(Cr("spec: {mode: safe, extra: pruned}")).Single(v => v.Kind == SchemaViolationKind.UnknownField).Name);
    }

    [TestMethod]
    public void A_v1beta1_CRD_of_one_version_serves_spec_version()
    {
        var crd = V1Beta1("").Replace("  versions: [{name: v1alpha1, served: true, storage: false}, {name: v1beta1, served: true, storage: true}]\n", "  version: v1\n");

        Assert.AreEqual("example.com/v1", CustomResourceSchema.FromDefinition(Root(crd)).Single().ApiVersion);
    }

    private static string V1Beta1(string preserve) => $$"""
        apiVersion: apiextensions.k8s.io/v1beta1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          names: {kind: Widget, plural: widgets}
          scope: Namespaced
          versions: [{name: v1alpha1, served: true, storage: false}, {name: v1beta1, served: true, storage: true}]
        {{preserve}}  validation:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    mode: {type: string, enum: [fast, safe]}
        """;

    private static List<CustomResourceSchema> Crd(string properties) => [.. CustomResourceSchema.FromDefinition(Root($$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          names: {kind: Widget, plural: widgets}
          scope: Namespaced
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties: { {{properties}} }
        """))];

    private static MappingNode Cr(string spec) => Root($"apiVersion: example.com/v1\nkind: Widget\nmetadata: {{name: w}}\n{spec}\n");

    private static MappingNode Root(string yaml) =>
        ManifestLoader.Load(InputFile.FromText("test.yaml", yaml), new LoadOptions()).Objects.Single().Root;
}
