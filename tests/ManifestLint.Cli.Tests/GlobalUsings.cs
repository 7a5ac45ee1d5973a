global using System.Text.Json.Nodes;
global using ManifestLint.Cli.Tests.Support;
global using ManifestLint.TestSupport;
