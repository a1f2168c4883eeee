namespace NixVfioGen.Tests.Robustness;

/// <summary>One row of the robustness figures; written where bench/robustness asks (ROBUSTNESS_REPORT).</summary>
internal sealed record RobustnessReport(string Option, int Tried, int Rejected, int RoundTripped, int Injections, int Crashes)
{
    public void Write()
    {
        if (Environment.GetEnvironmentVariable("ROBUSTNESS_REPORT") is { Length: > 0 } path)
        {
            lock (typeof(RobustnessReport))
            {
                File.AppendAllText(path, $"{Option}\t{Tried}\t{Rejected}\t{RoundTripped}\t{Injections}\t{Crashes}\n");
            }
        }
    }
}
