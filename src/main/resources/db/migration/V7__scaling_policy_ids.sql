-- Scaling policies are recorded by their name, which an update keeps, no longer by the ARN a put answers
-- (arn:aws:autoscaling:...:scalingPolicy:<id>:resource/ecs/...:policyName/<name>): the part after
-- ":policyName/" is the name.
update resource
   set physical_id = substring(physical_id from position(':policyName/' in physical_id) + 12)
 where kind = 'AWS::ApplicationAutoScaling::ScalingPolicy'
   and physical_id like '%:policyName/%';
