using NixVfioGen.Cli;

return await CliApp.RunAsync(args, CliEnvironment.FromProcess());
