using ManifestLint.SchemaGenerator;

// Regenerates the embedded Kubernetes schema and the bundled Gateway API CRDs from the shared API description:
//   dotnet run --project tests/ManifestLint.SchemaGenerator -- ../shared/kubernetes-api src/ManifestLint.Core/Schema
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ManifestLint.SchemaGenerator KUBERNETES_API_DIR OUTPUT_DIR");
    return 2;
}

var generated = KubernetesSchemaGenerator.Generate(args[0]);
File.WriteAllBytes(Path.Combine(args[1], KubernetesSchemaGenerator.SchemaFileName), KubernetesSchemaGenerator.Compress(generated.Json));
File.WriteAllBytes(Path.Combine(args[1], KubernetesSchemaGenerator.GatewayApiFileName), KubernetesSchemaGenerator.Compress(KubernetesSchemaGenerator.BundleGatewayApiCrds(args[0])));
Console.WriteLine($"{generated.Kinds} kinds, {generated.Definitions} definitions, {generated.Json.Length} bytes of JSON");
return 0;
