using NixVfioGen.Cli;

return CliApp.Run(args, CliEnvironment.FromProcess());
