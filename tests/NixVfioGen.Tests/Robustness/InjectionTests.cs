using System.Text.Json;
using System.Xml.Linq;
using NixVfioGen.Nix;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Robustness;

/// <summary>
/// Every string option is either rejected (exit 2, one line naming the option, empty stdout) or comes
/// back exactly through the real parsers: Nix evaluates to the input, XML reads back the input.
/// Batches go through one nix-instantiate call each.
/// </summary>
[Trait("Category", "Robustness")]
public class InjectionTests
{
    private const int BatchSize = 200;

    public static TheoryData<string> PathOptions => new("--disk", "--iso", "--virtio-iso");

    [Theory]
    [MemberData(nameof(PathOptions))]
    public void Paths_are_rejected_or_round_trip_through_nix_and_xml(string option)
    {
        var inputs = DangerousStrings.Sample(DangerousStrings.Paths, DangerousStrings.Count);
        var (rejected, accepted, crashes) = Run(option, inputs, value => ["--ids", "1002:67df", option, value]);
        var injections = new List<string>();
        foreach (var batch in accepted.Chunk(BatchSize))
        {
            var texts = EvaluateEtcTexts(batch.Select(a => a.Stdout).ToArray());
            for (var i = 0; i < batch.Length; i++)
            {
                var files = XDocument.Parse(texts[i]).Descendants("source").Select(s => (string?)s.Attribute("file"));
                if (!files.Contains(batch[i].Input))
                {
                    injections.Add(batch[i].Input);
                }
            }
        }
        Report(option, inputs.Count, rejected, accepted.Count, injections, crashes);
    }

    [Fact]
    public void User_names_are_rejected_or_round_trip_as_attribute_names_and_strings()
    {
        var inputs = DangerousStrings.Sample(DangerousStrings.Any, DangerousStrings.Count)
            .Concat(["alice", "_svc", "bob-2", "m$"]).ToArray();
        var (rejected, accepted, crashes) = Run("--user", inputs, value => ["module", "--ids", "1002:67df", "--user", value]);
        var injections = new List<string>();
        foreach (var batch in accepted.Chunk(BatchSize))
        {
            var users = EvaluateAll(batch.Select(a => a.Stdout).ToArray(), "m: builtins.attrNames m.users.users");
            for (var i = 0; i < batch.Length; i++)
            {
                if (users[i].EnumerateArray().Single().GetString() != batch[i].Input)
                {
                    injections.Add(batch[i].Input);
                }
            }
        }
        Report("--user", inputs.Length, rejected, accepted.Count, injections, crashes);
    }

    [Fact]
    public void Vm_names_are_rejected_or_round_trip_into_the_file_name_and_the_domain()
    {
        var inputs = DangerousStrings.Sample(DangerousStrings.Any, DangerousStrings.Count).Concat(["win11", "gaming-01", "a.b_c"]).ToArray();
        var (rejected, accepted, crashes) = Run("--vm-name", inputs, value => ["--ids", "1002:67df", "--vm-name", value]);
        var injections = new List<string>();
        foreach (var batch in accepted.Chunk(BatchSize))
        {
            var names = EvaluateAll(batch.Select(a => a.Stdout).ToArray(), "m: builtins.attrNames (removeAttrs m.environment.etc [ \"nix-vfio-gen/settings.json\" ])");
            var texts = EvaluateEtcTexts(batch.Select(a => a.Stdout).ToArray());
            for (var i = 0; i < batch.Length; i++)
            {
                var etcName = names[i].EnumerateArray().Single().GetString();
                var domainName = XDocument.Parse(texts[i]).Root!.Element("name")!.Value;
                if (etcName != $"nix-vfio-gen/{batch[i].Input}.xml" || domainName != batch[i].Input)
                {
                    injections.Add(batch[i].Input);
                }
            }
        }
        Report("--vm-name", inputs.Length, rejected, accepted.Count, injections, crashes);
    }

    [Fact]
    public void The_writer_round_trips_any_text_in_every_string_form()
    {
        var generated = DangerousStrings.Sample(DangerousStrings.Any, DangerousStrings.Count);
        // NUL cannot be in any Nix string; the writer refuses it (asserted below) and it counts as rejected.
        var inputs = generated.Where(s => !s.Contains('\0')).ToArray();
        Assert.All(generated.Where(s => s.Contains('\0')).Take(5), s => Assert.Throws<ArgumentException>(() => NixStringEscaper.DoubleQuoted(s)));
        var injections = new List<string>();
        foreach (var batch in inputs.Chunk(BatchSize))
        {
            var expression = new NixList(batch.Select(text => (NixExpr)new NixAttrSet(
            [
                NixBinding.Of("plain", new NixString(text)),
                NixBinding.Of("indented", new NixIndentedString(text + "\n")),
                NixBinding.Of("inline", new NixIndentedString(text.Replace("\n", "", StringComparison.Ordinal))),
                new NixBinding([text.Length == 0 ? "empty" : text], new NixBool(true)),
            ])).ToArray());
            var result = NixTool.EvaluateJson(NixRenderer.RenderExpression(expression));
            Assert.True(result.ExitCode == 0, result.Stderr);
            var values = JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().ToArray();
            for (var i = 0; i < batch.Length; i++)
            {
                var text = batch[i];
                var value = values[i];
                if (value.GetProperty("plain").GetString() != text
                    || value.GetProperty("indented").GetString() != text + "\n"
                    || value.GetProperty("inline").GetString() != text.Replace("\n", "", StringComparison.Ordinal)
                    || !value.TryGetProperty(text.Length == 0 ? "empty" : text, out _))
                {
                    injections.Add(text);
                }
            }
        }
        Report("writer (strings, indented strings, attribute names)", generated.Count, generated.Count - inputs.Length, inputs.Length, injections, 0);
    }

    private sealed record Accepted(string Input, string Stdout);

    private static (int Rejected, List<Accepted> Accepted, int Crashes) Run(string option, IEnumerable<string> inputs, Func<string, string[]> args)
    {
        var rejected = 0;
        var crashes = 0;
        var accepted = new List<Accepted>();
        foreach (var input in inputs)
        {
            CliRun.Result result;
            try
            {
                result = CliRun.Run(args(input));
            }
            catch (Exception error)
            {
                Assert.Fail($"{option} '{input}' threw {error}");
                throw;
            }
            if (result.ExitCode == 0)
            {
                accepted.Add(new Accepted(input, result.Stdout));
                continue;
            }
            var refusal = Record.Exception(() => CliAssert.RefusedWithOneLine(result, option));
            if (refusal is not null)
            {
                crashes++;
                Assert.Fail($"{option} '{input}': {refusal.Message}");
            }
            rejected++;
        }
        return (rejected, accepted, crashes);
    }

    private static JsonElement[] EvaluateAll(string[] modules, string select)
    {
        using var directory = new TempDirectory();
        var files = modules.Select((text, i) => directory.File($"m{i}.nix", text)).ToArray();
        var stub = NixTool.StubFile(directory);
        var expression = directory.File("all.nix",
            $"map ({select}) (map (f: import {stub} {{ modulePath = f; kernelVersion = \"6.12.1\"; }}) [ {string.Join(' ', files)} ])");
        var result = ExternalTool.Run("nix-instantiate", ["--eval", "--strict", "--json", expression]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static string[] EvaluateEtcTexts(string[] modules) =>
        EvaluateAll(modules, "m: map (f: f.text) (builtins.attrValues (removeAttrs m.environment.etc [ \"nix-vfio-gen/settings.json\" ]))")
            .Select(e => e.EnumerateArray().Single().GetString()!).ToArray();

    private static void Report(string option, int tried, int rejected, int roundTripped, List<string> injections, int crashes)
    {
        new RobustnessReport(option, tried, rejected, roundTripped - injections.Count, injections.Count, crashes).Write();
        if (injections.Count > 0)
        {
            Assert.Fail($"{option}: {injections.Count} inputs did not come back exactly, e.g. {JsonSerializer.Serialize(injections[0])}");
        }
        Assert.True(rejected + roundTripped == tried, $"{option}: {tried} tried, {rejected} rejected, {roundTripped} accepted");
    }
}
