-- The EasySight platform's tables that the bridge writes, as its SQLAlchemy models define them
-- (asmoyou/EasySight commit 22151b8, backend/models/diagnosis.py and backend/models/worker.py), in
-- the form SQLAlchemy's create_all gives them on PostgreSQL: Enum columns are PostgreSQL enums of
-- the Python enums' upper-case NAMES, JSON is json, DateTime(timezone=True) is timestamptz.
-- Facts of the platform's schema, written for the tests; the platform creates them itself.

CREATE TYPE tasktype AS ENUM ('DIAGNOSIS', 'AI_DETECTION', 'MONITORING', 'MAINTENANCE');
CREATE TYPE taskstatus AS ENUM ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');
CREATE TYPE diagnosisstatus AS ENUM ('NORMAL', 'WARNING', 'ERROR', 'CRITICAL');
CREATE TYPE workerstatus AS ENUM ('ONLINE', 'OFFLINE', 'BUSY', 'ERROR', 'MAINTENANCE');

CREATE TABLE diagnosis_tasks (
  id SERIAL NOT NULL,
  name VARCHAR(100) NOT NULL,
  description TEXT,
  task_type tasktype,
  template_id INTEGER,
  camera_ids JSON,
  camera_groups JSON,
  diagnosis_types JSON,
  diagnosis_config JSON,
  schedule_type VARCHAR(50),
  schedule_config JSON,
  cron_expression VARCHAR(100),
  interval_minutes INTEGER,
  threshold_config JSON,
  status taskstatus,
  is_active BOOLEAN,
  enabled BOOLEAN,
  assigned_worker VARCHAR(100),
  started_at TIMESTAMP WITH TIME ZONE,
  last_run_time TIMESTAMP WITH TIME ZONE,
  next_run_time TIMESTAMP WITH TIME ZONE,
  total_runs INTEGER,
  success_runs INTEGER,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
  updated_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
  created_by VARCHAR(50),
  PRIMARY KEY (id)
);
CREATE INDEX ix_diagnosis_tasks_id ON diagnosis_tasks (id);

CREATE TABLE diagnosis_results (
  id SERIAL NOT NULL,
  task_id INTEGER NOT NULL,
  camera_id INTEGER,
  camera_name VARCHAR(100),
  diagnosis_type VARCHAR(50),
  diagnosis_status diagnosisstatus NOT NULL,
  score FLOAT,
  threshold FLOAT,
  is_abnormal BOOLEAN,
  image_url VARCHAR(500),
  thumbnail_url VARCHAR(500),
  image_timestamp TIMESTAMP WITH TIME ZONE,
  processing_time FLOAT,
  error_message TEXT,
  suggestions JSON,
  metrics JSON,
  result_data JSON,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
  PRIMARY KEY (id)
);
CREATE INDEX ix_diagnosis_results_id ON diagnosis_results (id);

CREATE TABLE diagnosis_alarms (
  id SERIAL NOT NULL,
  result_id INTEGER NOT NULL,
  alarm_type VARCHAR(50) NOT NULL,
  severity VARCHAR(20),
  title VARCHAR(200) NOT NULL,
  description TEXT,
  threshold_config JSON,
  current_value FLOAT,
  threshold_value FLOAT,
  is_acknowledged BOOLEAN,
  acknowledged_by INTEGER,
  acknowledged_at TIMESTAMP WITH TIME ZONE,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
  PRIMARY KEY (id)
);
CREATE INDEX ix_diagnosis_alarms_id ON diagnosis_alarms (id);

CREATE TABLE workers (
  id SERIAL NOT NULL,
  worker_id VARCHAR(100) NOT NULL,
  host VARCHAR(100) NOT NULL,
  port INTEGER NOT NULL,
  max_concurrent_tasks INTEGER,
  current_tasks INTEGER,
  capabilities JSON,
  status workerstatus,
  last_heartbeat TIMESTAMP WITH TIME ZONE,
  total_tasks_processed INTEGER,
  successful_tasks INTEGER,
  failed_tasks INTEGER,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
  updated_at TIMESTAMP WITH TIME ZONE DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (worker_id)
);
CREATE INDEX ix_workers_id ON workers (id);
