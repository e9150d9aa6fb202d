// Validate Adaptive Cards with the official Adaptive Cards library, targeting 1.5.
// stdin: a JSON array of cards. stdout: a JSON array of error lists, one per card.
const AC = require("adaptivecards/dist/adaptivecards.js");

const input = require("fs").readFileSync(0, "utf8");
const cards = JSON.parse(input);
const results = cards.map((json) => {
  const errors = [];
  if (json.version !== "1.5") errors.push(`version is ${json.version}, Teams needs 1.5`);
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) errors.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents) errors.push(event.message);
  return errors;
});
process.stdout.write(JSON.stringify(results));
