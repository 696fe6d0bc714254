import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795475783371 implements MigrationInterface {
    name = 'Init1795475783371'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "tenants" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "slug" character varying(63) NOT NULL,
                "name" character varying(120) NOT NULL,
                "founding_admin_id" uuid,
                "max_chat_concurrency" integer NOT NULL DEFAULT '10',
                "default_agent_status_id" uuid,
                "presence_sequence" bigint NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_2310ecc5cb8be427097154b18fc" UNIQUE ("slug"),
                CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "locations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "name" character varying(100) NOT NULL,
                "language" character varying(35) NOT NULL DEFAULT 'en-US',
                CONSTRAINT "PK_7cc1c9e3853b94816c094825e74" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_e24632d5bde06f018abb0064e0" ON "locations" ("tenant_id", "name")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."user_status" AS ENUM('INVITED', 'ACTIVE', 'DEACTIVATED')
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "email" character varying(254) NOT NULL,
                "email_key" character varying(254) NOT NULL,
                "first_name" character varying(100) NOT NULL,
                "last_name" character varying(100) NOT NULL,
                "alias" character varying(100) NOT NULL,
                "agent_id" character varying(100),
                "location_id" uuid,
                "chat_concurrency" integer,
                "chat_concurrency_enabled" boolean NOT NULL DEFAULT false,
                "extension" integer NOT NULL,
                "status" "public"."user_status" NOT NULL DEFAULT 'INVITED',
                "password_hash" character varying(255),
                "failed_sign_in_count" integer NOT NULL DEFAULT '0',
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "last_sign_in_at" TIMESTAMP WITH TIME ZONE,
                "deactivated_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                CONSTRAINT "CHK_9227951b55c6f9a372383f774f" CHECK ("extension" >= 1000),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a9e06d7d27ebd08132e84b312b" ON "users" ("tenant_id", "last_name", "first_name")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a50652f1313bf33c12d8c6d2be" ON "users" ("tenant_id", "extension")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_2fb4534df84e9da6a19c71d3a4" ON "users" ("tenant_id", "email_key")
        `);
        await queryRunner.query(`
            CREATE TABLE "teams" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "name" character varying(100) NOT NULL,
                "parent_id" uuid,
                "version" integer NOT NULL,
                CONSTRAINT "CHK_438ffea5cdbd4f4613dbc9d228" CHECK (position(':' in "name") = 0),
                CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_9396a5c6885a2d810610b10db9" ON "teams" ("tenant_id", "name")
            WHERE "parent_id" IS NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_c0b244295243bda4800bbaa232" ON "teams" ("tenant_id", "parent_id", "name")
            WHERE "parent_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."team_role" AS ENUM('MEMBER', 'MANAGER')
        `);
        await queryRunner.query(`
            CREATE TABLE "team_memberships" (
                "team_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "role" "public"."team_role" NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_11c823f69a675c3f05d0fc31958" PRIMARY KEY ("team_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_c9eb2ded8e0e2f4bcb41fd0984" ON "team_memberships" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "roles" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "name" character varying(20) NOT NULL,
                "label" character varying(16) NOT NULL,
                "color" character varying(7) NOT NULL,
                "position" integer NOT NULL,
                "default_key" character varying(20),
                "version" integer NOT NULL,
                CONSTRAINT "PK_c1433d71a4838793a49dcad46ab" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_c555146b304b5f51a7de6e18de" ON "roles" ("tenant_id", "name")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."access_level" AS ENUM('VIEW', 'EDIT')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."permission_scope" AS ENUM('ALL', 'ASSIGNED_TEAMS', 'ASSIGNED_QUEUES')
        `);
        await queryRunner.query(`
            CREATE TABLE "role_permissions" (
                "role_id" uuid NOT NULL,
                "permission" character varying(64) NOT NULL,
                "tenant_id" uuid NOT NULL,
                "access" "public"."access_level" NOT NULL,
                "scope" "public"."permission_scope" NOT NULL DEFAULT 'ALL',
                CONSTRAINT "PK_0167acb6e0ccfcf0c6c140cec4a" PRIMARY KEY ("role_id", "permission")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "role_assignable_roles" (
                "role_id" uuid NOT NULL,
                "assignable_role_id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                CONSTRAINT "PK_c0212f076e1debb2d6b8742fc76" PRIMARY KEY ("role_id", "assignable_role_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "user_roles" (
                "user_id" uuid NOT NULL,
                "role_id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_23ed6f04fe43066df08379fd034" PRIMARY KEY ("user_id", "role_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b23c65e50a758245a33ee35fda" ON "user_roles" ("role_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."queue_channel" AS ENUM('CALL', 'CHAT')
        `);
        await queryRunner.query(`
            CREATE TABLE "queues" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "name" character varying(100) NOT NULL,
                "channel" "public"."queue_channel" NOT NULL DEFAULT 'CALL',
                "priority" integer NOT NULL DEFAULT '100',
                "version" integer NOT NULL,
                CONSTRAINT "PK_d966f9eb39a9396658387071bb3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_67490a86955d8de6cf07e281b3" ON "queues" ("tenant_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "queue_assignments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "queue_id" uuid NOT NULL,
                "user_id" uuid,
                "team_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_a4e6aa88cf12342e37a4adadb5" CHECK (("user_id" IS NULL) <> ("team_id" IS NULL)),
                CONSTRAINT "PK_053a9d402cf91c0e343c709664b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_7369ad489d4b707b43ae35ce19" ON "queue_assignments" ("team_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_12d2dcc4b368283caf3c8e9a48" ON "queue_assignments" ("user_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a908602c6c57b79cac26e6560a" ON "queue_assignments" ("queue_id", "team_id")
            WHERE "team_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_278d0abc4677ad1c822b27f1e5" ON "queue_assignments" ("queue_id", "user_id")
            WHERE "user_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "skills" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "name" character varying(100) NOT NULL,
                CONSTRAINT "PK_0d3212120f4ecedf90864d7e298" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_41243ba91a8ed11e265ba9afbf" ON "skills" ("tenant_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "user_skills" (
                "user_id" uuid NOT NULL,
                "skill_id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "level" integer NOT NULL,
                CONSTRAINT "CHK_be838b0f26f60b15a54f73d786" CHECK (
                    "level" BETWEEN 1 AND 10
                ),
                CONSTRAINT "PK_816eba68a0ca1b837ec15daefc7" PRIMARY KEY ("user_id", "skill_id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."system_status_key" AS ENUM(
                'AVAILABLE',
                'UNAVAILABLE',
                'IN_CALL',
                'IN_CHAT',
                'SPECIAL_TASK',
                'OFFLINE'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."status_availability" AS ENUM('AVAILABLE', 'UNAVAILABLE')
        `);
        await queryRunner.query(`
            CREATE TABLE "agent_statuses" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "name" character varying(40) NOT NULL,
                "color" character varying(7) NOT NULL,
                "system_key" "public"."system_status_key",
                "availability" "public"."status_availability" NOT NULL,
                "agent_selectable" boolean NOT NULL DEFAULT true,
                "position" integer NOT NULL DEFAULT '0',
                "archived_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_3adffb00c1f9353d3f8da6d128e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_5610f437c585a666e1c10e9dc2" ON "agent_statuses" ("tenant_id", "name")
            WHERE "archived_at" IS NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_6fa7baef77f0bb918320bfeae6" ON "agent_statuses" ("tenant_id", "system_key")
            WHERE "system_key" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "agent_presences" (
                "user_id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "status_id" uuid NOT NULL,
                "since" TIMESTAMP WITH TIME ZONE NOT NULL,
                "sequence" bigint NOT NULL,
                "last_heartbeat_at" TIMESTAMP WITH TIME ZONE,
                "offline_reason" character varying(200),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f1e0649df649317376405cab9a8" PRIMARY KEY ("user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ffe57c3422b0bf6951bb8e0069" ON "agent_presences" ("tenant_id", "status_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "agent_status_events" (
                "id" BIGSERIAL NOT NULL,
                "tenant_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "sequence" bigint NOT NULL,
                "status_id" uuid NOT NULL,
                "previous_status_id" uuid,
                "changed_by_user_id" uuid,
                "changed_by_credential_id" uuid,
                "reason" character varying(200),
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_bd960ced44e453b563ff6998d5f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bc7bb1045499dcd16f3e18608c" ON "agent_status_events" ("user_id", "changed_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_565cccd5783974a76c5f9acb22" ON "agent_status_events" ("tenant_id", "sequence")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."bulk_file_format" AS ENUM('CSV', 'XLSX', 'JSON')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."bulk_job_status" AS ENUM(
                'CREATED',
                'VALIDATING',
                'VALIDATED',
                'SCHEME_INVALID',
                'PROCESSING',
                'COMPLETED',
                'COMPLETED_WITH_ERRORS',
                'FAILED',
                'CANCELLED'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "bulk_jobs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "uploaded_by_user_id" uuid,
                "uploaded_by_credential_id" uuid,
                "filename" character varying(255) NOT NULL,
                "format" "public"."bulk_file_format" NOT NULL,
                "storage_path" character varying(500) NOT NULL,
                "status" "public"."bulk_job_status" NOT NULL DEFAULT 'CREATED',
                "auto_proceed" boolean NOT NULL DEFAULT false,
                "ignore_errors" boolean NOT NULL DEFAULT false,
                "total_rows" integer NOT NULL DEFAULT '0',
                "valid_rows" integer NOT NULL DEFAULT '0',
                "affected_rows" integer NOT NULL DEFAULT '0',
                "failed_rows" integer NOT NULL DEFAULT '0',
                "preview_creates" integer NOT NULL DEFAULT '0',
                "preview_updates" integer NOT NULL DEFAULT '0',
                "preview_unchanged" integer NOT NULL DEFAULT '0',
                "processed_rows" integer NOT NULL DEFAULT '0',
                "applied_through_row" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "validated_at" TIMESTAMP WITH TIME ZONE,
                "process_requested_at" TIMESTAMP WITH TIME ZONE,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "failure_message" text,
                CONSTRAINT "PK_ce068dac8365125a4ce2f94c23e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a3fbabfe1a2b3554dd83444b5f" ON "bulk_jobs" ("tenant_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."bulk_error_severity" AS ENUM('ERROR', 'WARNING')
        `);
        await queryRunner.query(`
            CREATE TABLE "bulk_job_errors" (
                "id" BIGSERIAL NOT NULL,
                "job_id" uuid NOT NULL,
                "row" integer NOT NULL,
                "column" integer,
                "column_name" character varying(120),
                "message" text NOT NULL,
                "severity" "public"."bulk_error_severity" NOT NULL DEFAULT 'ERROR',
                CONSTRAINT "PK_95a484348b241153a3f2ff46f2d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_8a58a902024daa698a22819cf3" ON "bulk_job_errors" ("job_id", "row")
        `);
        await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" BIGSERIAL NOT NULL,
                "tenant_id" uuid NOT NULL,
                "actor_user_id" uuid,
                "actor_credential_id" uuid,
                "action" character varying(64) NOT NULL,
                "target_type" character varying(32) NOT NULL,
                "target_id" uuid,
                "before" jsonb,
                "after" jsonb,
                "bulk_job_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ea7596a0f2201a67076580a453" ON "audit_events" ("tenant_id", "target_type", "target_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a004d14b184c19f8bc3f320d86" ON "audit_events" ("tenant_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "api_credentials" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                "secret_hash" character(64) NOT NULL,
                "secret_prefix" character varying(16) NOT NULL,
                "created_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_5aaee58cb7eb920b4df142c2fd9" UNIQUE ("secret_hash"),
                CONSTRAINT "PK_3e97de2b2f8c5d0897b67e89e3c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_85cbbe083afb87c63ada6acd5d" ON "api_credentials" ("tenant_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "api_credential_roles" (
                "credential_id" uuid NOT NULL,
                "role_id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                CONSTRAINT "PK_3e25f0009d6d10b76472b194945" PRIMARY KEY ("credential_id", "role_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "user_agent" character varying(300),
                CONSTRAINT "UQ_abaa9e068cdd390bc5210f79884" UNIQUE ("token_hash"),
                CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_085d540d9f418cfbdc7bd55bb1" ON "sessions" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "invitations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "invalidated_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_872ac94a64b3d44fc4b554780cd" UNIQUE ("token_hash"),
                CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_fecdffec754fa4d5cea9870977" ON "invitations" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "email_outbox" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "kind" character varying(40) NOT NULL,
                "to_address" character varying(254) NOT NULL,
                "subject" character varying(300) NOT NULL,
                "body_text" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                CONSTRAINT "PK_b6fbfc201f705fbf1ac87bd7197" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_069e1c65131f7564b01a179cec" ON "email_outbox" ("sent_at", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_109638590074998bb72a2f2cf08" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_1523fb2aebce55b9e820122ee0e" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "teams"
            ADD CONSTRAINT "FK_9eadae99b46c48a066509a1a774" FOREIGN KEY ("parent_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "team_memberships"
            ADD CONSTRAINT "FK_b917b8603c6d5c526fcdb2009de" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "team_memberships"
            ADD CONSTRAINT "FK_c9eb2ded8e0e2f4bcb41fd0984a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "role_permissions"
            ADD CONSTRAINT "FK_178199805b901ccd220ab7740ec" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "role_assignable_roles"
            ADD CONSTRAINT "FK_4fa6ba4da487434b9fd334ec8f9" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "role_assignable_roles"
            ADD CONSTRAINT "FK_2ade4758db33025109d1c11e4b1" FOREIGN KEY ("assignable_role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user_roles"
            ADD CONSTRAINT "FK_87b8888186ca9769c960e926870" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user_roles"
            ADD CONSTRAINT "FK_b23c65e50a758245a33ee35fda1" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "queue_assignments"
            ADD CONSTRAINT "FK_6c076aae989c176edddf3198815" FOREIGN KEY ("queue_id") REFERENCES "queues"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "queue_assignments"
            ADD CONSTRAINT "FK_12d2dcc4b368283caf3c8e9a489" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "queue_assignments"
            ADD CONSTRAINT "FK_7369ad489d4b707b43ae35ce19b" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user_skills"
            ADD CONSTRAINT "FK_6926002c360291df66bb2c5fdeb" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user_skills"
            ADD CONSTRAINT "FK_eb69710b0a00f42fb95fc2ac2f5" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_presences"
            ADD CONSTRAINT "FK_f1e0649df649317376405cab9a8" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_presences"
            ADD CONSTRAINT "FK_e890b5287c8dfc5328c4370f857" FOREIGN KEY ("status_id") REFERENCES "agent_statuses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_status_events"
            ADD CONSTRAINT "FK_740b945bcf04c0fb0881434ea41" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_status_events"
            ADD CONSTRAINT "FK_b0d54e0a13c6610ebc790c7643f" FOREIGN KEY ("status_id") REFERENCES "agent_statuses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_status_events"
            ADD CONSTRAINT "FK_9e02071012b8ebf1bbdfb8432ab" FOREIGN KEY ("previous_status_id") REFERENCES "agent_statuses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "bulk_job_errors"
            ADD CONSTRAINT "FK_5d185e0936cd127782c582cde1a" FOREIGN KEY ("job_id") REFERENCES "bulk_jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "api_credential_roles"
            ADD CONSTRAINT "FK_6e0f1955f6749b34e43f8677cf0" FOREIGN KEY ("credential_id") REFERENCES "api_credentials"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "api_credential_roles"
            ADD CONSTRAINT "FK_896186503e38b19e0dffb57f177" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_fecdffec754fa4d5cea98709776" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_fecdffec754fa4d5cea98709776"
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_credential_roles" DROP CONSTRAINT "FK_896186503e38b19e0dffb57f177"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_credential_roles" DROP CONSTRAINT "FK_6e0f1955f6749b34e43f8677cf0"
        `);
        await queryRunner.query(`
            ALTER TABLE "bulk_job_errors" DROP CONSTRAINT "FK_5d185e0936cd127782c582cde1a"
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_status_events" DROP CONSTRAINT "FK_9e02071012b8ebf1bbdfb8432ab"
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_status_events" DROP CONSTRAINT "FK_b0d54e0a13c6610ebc790c7643f"
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_status_events" DROP CONSTRAINT "FK_740b945bcf04c0fb0881434ea41"
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_presences" DROP CONSTRAINT "FK_e890b5287c8dfc5328c4370f857"
        `);
        await queryRunner.query(`
            ALTER TABLE "agent_presences" DROP CONSTRAINT "FK_f1e0649df649317376405cab9a8"
        `);
        await queryRunner.query(`
            ALTER TABLE "user_skills" DROP CONSTRAINT "FK_eb69710b0a00f42fb95fc2ac2f5"
        `);
        await queryRunner.query(`
            ALTER TABLE "user_skills" DROP CONSTRAINT "FK_6926002c360291df66bb2c5fdeb"
        `);
        await queryRunner.query(`
            ALTER TABLE "queue_assignments" DROP CONSTRAINT "FK_7369ad489d4b707b43ae35ce19b"
        `);
        await queryRunner.query(`
            ALTER TABLE "queue_assignments" DROP CONSTRAINT "FK_12d2dcc4b368283caf3c8e9a489"
        `);
        await queryRunner.query(`
            ALTER TABLE "queue_assignments" DROP CONSTRAINT "FK_6c076aae989c176edddf3198815"
        `);
        await queryRunner.query(`
            ALTER TABLE "user_roles" DROP CONSTRAINT "FK_b23c65e50a758245a33ee35fda1"
        `);
        await queryRunner.query(`
            ALTER TABLE "user_roles" DROP CONSTRAINT "FK_87b8888186ca9769c960e926870"
        `);
        await queryRunner.query(`
            ALTER TABLE "role_assignable_roles" DROP CONSTRAINT "FK_2ade4758db33025109d1c11e4b1"
        `);
        await queryRunner.query(`
            ALTER TABLE "role_assignable_roles" DROP CONSTRAINT "FK_4fa6ba4da487434b9fd334ec8f9"
        `);
        await queryRunner.query(`
            ALTER TABLE "role_permissions" DROP CONSTRAINT "FK_178199805b901ccd220ab7740ec"
        `);
        await queryRunner.query(`
            ALTER TABLE "team_memberships" DROP CONSTRAINT "FK_c9eb2ded8e0e2f4bcb41fd0984a"
        `);
        await queryRunner.query(`
            ALTER TABLE "team_memberships" DROP CONSTRAINT "FK_b917b8603c6d5c526fcdb2009de"
        `);
        await queryRunner.query(`
            ALTER TABLE "teams" DROP CONSTRAINT "FK_9eadae99b46c48a066509a1a774"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_1523fb2aebce55b9e820122ee0e"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_109638590074998bb72a2f2cf08"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_069e1c65131f7564b01a179cec"
        `);
        await queryRunner.query(`
            DROP TABLE "email_outbox"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_fecdffec754fa4d5cea9870977"
        `);
        await queryRunner.query(`
            DROP TABLE "invitations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_085d540d9f418cfbdc7bd55bb1"
        `);
        await queryRunner.query(`
            DROP TABLE "sessions"
        `);
        await queryRunner.query(`
            DROP TABLE "api_credential_roles"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_85cbbe083afb87c63ada6acd5d"
        `);
        await queryRunner.query(`
            DROP TABLE "api_credentials"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a004d14b184c19f8bc3f320d86"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ea7596a0f2201a67076580a453"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_8a58a902024daa698a22819cf3"
        `);
        await queryRunner.query(`
            DROP TABLE "bulk_job_errors"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."bulk_error_severity"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a3fbabfe1a2b3554dd83444b5f"
        `);
        await queryRunner.query(`
            DROP TABLE "bulk_jobs"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."bulk_job_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."bulk_file_format"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_565cccd5783974a76c5f9acb22"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bc7bb1045499dcd16f3e18608c"
        `);
        await queryRunner.query(`
            DROP TABLE "agent_status_events"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ffe57c3422b0bf6951bb8e0069"
        `);
        await queryRunner.query(`
            DROP TABLE "agent_presences"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_6fa7baef77f0bb918320bfeae6"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5610f437c585a666e1c10e9dc2"
        `);
        await queryRunner.query(`
            DROP TABLE "agent_statuses"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."status_availability"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."system_status_key"
        `);
        await queryRunner.query(`
            DROP TABLE "user_skills"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_41243ba91a8ed11e265ba9afbf"
        `);
        await queryRunner.query(`
            DROP TABLE "skills"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_278d0abc4677ad1c822b27f1e5"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a908602c6c57b79cac26e6560a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_12d2dcc4b368283caf3c8e9a48"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_7369ad489d4b707b43ae35ce19"
        `);
        await queryRunner.query(`
            DROP TABLE "queue_assignments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_67490a86955d8de6cf07e281b3"
        `);
        await queryRunner.query(`
            DROP TABLE "queues"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."queue_channel"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b23c65e50a758245a33ee35fda"
        `);
        await queryRunner.query(`
            DROP TABLE "user_roles"
        `);
        await queryRunner.query(`
            DROP TABLE "role_assignable_roles"
        `);
        await queryRunner.query(`
            DROP TABLE "role_permissions"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."permission_scope"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."access_level"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c555146b304b5f51a7de6e18de"
        `);
        await queryRunner.query(`
            DROP TABLE "roles"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c9eb2ded8e0e2f4bcb41fd0984"
        `);
        await queryRunner.query(`
            DROP TABLE "team_memberships"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."team_role"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c0b244295243bda4800bbaa232"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9396a5c6885a2d810610b10db9"
        `);
        await queryRunner.query(`
            DROP TABLE "teams"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_2fb4534df84e9da6a19c71d3a4"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a50652f1313bf33c12d8c6d2be"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a9e06d7d27ebd08132e84b312b"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."user_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e24632d5bde06f018abb0064e0"
        `);
        await queryRunner.query(`
            DROP TABLE "locations"
        `);
        await queryRunner.query(`
            DROP TABLE "tenants"
        `);
    }

}
